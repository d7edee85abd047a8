using Microsoft.AspNetCore.Mvc;
using SensitivePi;

namespace CommunityClinic;

/// <summary>The mini-program's patient API: the card shown after the patient signs in, de-identified.</summary>
[ApiController]
[Route("api/patients")]
public sealed class PatientsController(ClinicDbContext db) : ControllerBase
{
    [HttpGet("{id}/card")]
    public async Task<IActionResult> CardAsync(string id, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.FindAsync([id], cancellationToken);
        if (patient is null)
        {
            return NotFound();
        }

        // SPI009 fixed: the resident ID number is masked like the phone.
        return Ok(new
        {
            patient.DisplayName,
            Phone = PiMask.PhoneNumber(patient.MobilePhone),
            ResidentIdNumber = PiMask.IdCardNumber(patient.ResidentIdNumber),
        });
    }

    [HttpGet("{id}/contact")]
    public async Task<ApiResponse> ContactAsync(string id, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.FindAsync([id], cancellationToken);

        // SPI009 fixed: the envelope carries what the screen shows, masked, not the patient.
        var contact = patient is null ? null : new { patient.DisplayName, Phone = PiMask.PhoneNumber(patient.MobilePhone) };
        return new ApiResponse { Success = contact is not null, Data = contact };
    }
}

/// <summary>The envelope every endpoint of the team's API answers with.</summary>
public sealed class ApiResponse
{
    public bool Success { get; init; }

    public object? Data { get; init; }
}
