using Microsoft.AspNetCore.Mvc;
using SensitivePi;

namespace CommunityClinic;

/// <summary>The mini-program's patient API: the card shown after the patient signs in.</summary>
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

        // The phone is masked; the ID number was forgotten.
        return Ok(new { patient.DisplayName, Phone = PiMask.PhoneNumber(patient.MobilePhone), patient.ResidentIdNumber }); // expect: SPI009
    }

    [HttpGet("{id}/contact")]
    public async Task<ApiResponse> ContactAsync(string id, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.FindAsync([id], cancellationToken);

        // The team's envelope types its payload as `object`: the serialiser writes the whole patient.
        return new ApiResponse { Success = patient is not null, Data = patient }; // expect: SPI009
    }
}

/// <summary>The envelope every endpoint of the team's API answers with.</summary>
public sealed class ApiResponse
{
    public bool Success { get; init; }

    public object? Data { get; init; }
}
