namespace AxonFlow.Server.CommunitySaas.SelfService;

/// <summary>Runs the handed-off recovery and erasure-request jobs one at a time; a failing job is logged and skipped.</summary>
internal sealed partial class SelfServiceWorker(SelfServiceQueue queue, ILogger<SelfServiceWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await job.Run(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One job's failure (database down, bad row) must not stop the jobs after it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.JobFailed(logger, job.Name, ex.GetType().Name, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7301, Level = LogLevel.Error, Message = "{Job} failed ({ExceptionType}); the caller may ask again")]
        public static partial void JobFailed(ILogger logger, string job, string exceptionType, Exception exception);
    }
}
