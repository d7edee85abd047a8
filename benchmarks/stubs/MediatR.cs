// Written for the benchmark's real-code mode (not MediatR's code): the few MediatR types a pipeline-style
// application compiles against, so that its sources bind as they would in a restored build.
// Usage: --src path/to/app --with benchmarks/stubs/MediatR.cs
namespace MediatR
{
    using System.Threading;
    using System.Threading.Tasks;

    public interface IBaseRequest
    {
    }

    public interface IRequest<out TResponse> : IBaseRequest
    {
    }

    public interface IRequest : IRequest<Unit>
    {
    }

    public readonly struct Unit
    {
        public static readonly Unit Value = default;
    }

    public interface INotification
    {
    }

    public delegate Task<TResponse> RequestHandlerDelegate<TResponse>();

    public interface IPipelineBehavior<in TRequest, TResponse>
        where TRequest : notnull
    {
        Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken);
    }

    public interface IRequestHandler<in TRequest, TResponse>
        where TRequest : IRequest<TResponse>
    {
        Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
    }

    public interface IRequestHandler<in TRequest>
        where TRequest : IRequest
    {
        Task Handle(TRequest request, CancellationToken cancellationToken);
    }

    public interface INotificationHandler<in TNotification>
        where TNotification : INotification
    {
        Task Handle(TNotification notification, CancellationToken cancellationToken);
    }

    public interface ISender
    {
        Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
    }

    public interface IPublisher
    {
        Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification;
    }

    public interface IMediator : ISender, IPublisher
    {
    }
}
