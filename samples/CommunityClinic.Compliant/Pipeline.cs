using Microsoft.Extensions.Logging;

namespace CommunityClinic;

/// <summary>Runs before every request handler of the clinic's MediatR-style pipeline.</summary>
public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    where TRequest : IRequest<TResponse>
{
    public async Task<TResponse> HandleAsync(TRequest request, Func<Task<TResponse>> next)
    {
        // SPI002 fixed: the request's type is logged, not its members.
        logger.LogInformation("Handling {RequestName}", request.GetType().Name);
        return await next();
    }
}
