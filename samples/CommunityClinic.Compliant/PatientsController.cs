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
}
