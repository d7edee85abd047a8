using Microsoft.Extensions.Logging;

namespace CommunityClinic;

/// <summary>Runs before every request handler of the clinic's MediatR-style pipeline.</summary>
public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    where TRequest : IRequest<TResponse>
{
    public async Task<TResponse> HandleAsync(TRequest request, Func<Task<TResponse>> next)
    {
        // Every request, whole, into the log: a BookVaccination's resident ID number with it.
        logger.LogInformation("Handling {RequestName} {@Request}", typeof(TRequest).Name, request); // expect: SPI002
        return await next();
    }
}
