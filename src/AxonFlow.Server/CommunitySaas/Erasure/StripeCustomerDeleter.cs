using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.CommunitySaas.Erasure;

/// <summary>
/// After an erasure commits: <c>DELETE /v1/customers/{id}</c> on the Stripe API with <c>STRIPE_SECRET_KEY</c> (plain
/// HttpClient). Best effort: a failure is logged and reported in the receipt, and never undoes the erasure; the
/// operator deletes the customer by hand (docs/community-saas-recovery-erasure.md).
/// </summary>
internal sealed partial class StripeCustomerDeleter : IDisposable
{
    public const string Deleted = "deleted";

    public const string Failed = "failed";

    public const string Skipped = "skipped_no_stripe_key";

    public const string NotApplicable = "not_applicable";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly string? _secretKey;
    private readonly ILogger<StripeCustomerDeleter> _logger;

    public StripeCustomerDeleter(AxonFlowSettings settings, ILogger<StripeCustomerDeleter> logger)
    {
        _secretKey = settings.SelfService.StripeSecretKey;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = settings.SelfService.StripeApiBaseUrl,
            Timeout = Timeout,
        };
    }

    /// <summary>Deletes each customer; the outcome for the receipt. Runs on its own deadline, not the request's.</summary>
    public async Task<string> DeleteAsync(IReadOnlyList<string> customers)
    {
        if (customers.Count == 0)
        {
            return NotApplicable;
        }

        if (_secretKey is null)
        {
            Log.NoKey(_logger, customers.Count);
            return Skipped;
        }

        var outcome = Deleted;
        foreach (var customer in customers)
        {
            if (!CustomerId().IsMatch(customer))
            {
                Log.BadId(_logger);
                outcome = Failed;
                continue;
            }

            // The erasure has committed; a client that disconnects must not cancel the clean-up, so it has its own deadline.
            using var deadline = new CancellationTokenSource(Timeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Delete, "v1/customers/" + Uri.EscapeDataString(customer));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _secretKey);
                using var response = await _http.SendAsync(request, deadline.Token);
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
                {
                    Log.CustomerDeleted(_logger, (int)response.StatusCode);
                }
                else
                {
                    Log.StripeRefused(_logger, (int)response.StatusCode);
                    outcome = Failed;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                Log.StripeUnreachable(_logger, ex.GetType().Name);
                outcome = Failed;
            }
        }

        return outcome;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("^cus_[A-Za-z0-9]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CustomerId();

    private static partial class Log
    {
        [LoggerMessage(EventId = 7330, Level = LogLevel.Information, Message = "[CSAAS-DELETE] Stripe customer deleted (HTTP {Status})")]
        public static partial void CustomerDeleted(ILogger logger, int status);

        [LoggerMessage(EventId = 7331, Level = LogLevel.Warning, Message = "[CSAAS-DELETE] Stripe refused the customer deletion (HTTP {Status}); the erasure stands, delete the customer by hand")]
        public static partial void StripeRefused(ILogger logger, int status);

        [LoggerMessage(EventId = 7332, Level = LogLevel.Warning, Message = "[CSAAS-DELETE] Stripe unreachable ({ExceptionType}); the erasure stands, delete the customer by hand")]
        public static partial void StripeUnreachable(ILogger logger, string exceptionType);

        [LoggerMessage(EventId = 7333, Level = LogLevel.Warning, Message = "[CSAAS-DELETE] STRIPE_SECRET_KEY not set; {Count} Stripe customer(s) not deleted")]
        public static partial void NoKey(ILogger logger, int count);

        [LoggerMessage(EventId = 7334, Level = LogLevel.Warning, Message = "[CSAAS-DELETE] stored Stripe customer id has an unexpected shape; not sent")]
        public static partial void BadId(ILogger logger);
    }
}
