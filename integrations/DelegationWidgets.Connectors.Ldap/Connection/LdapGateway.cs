using System.Collections.Concurrent;
using System.DirectoryServices.Protocols;
using System.Net;
using DelegationWidgets.Connectors.Ldap.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace DelegationWidgets.Connectors.Ldap.Connection;

/// <summary>
/// Every LDAP call of the connector: a small pool of connections bound as the service account, each request sent
/// through the <see cref="LdapPipeline"/>. A connection that failed at the connection level is thrown away; one the
/// server answered (even with an error) goes back to the pool. When the server stays unreachable the caller gets an
/// <see cref="LdapUnavailableException"/>; the server's own answers arrive as <see cref="DirectoryOperationException"/>.
/// </summary>
internal sealed partial class LdapGateway : IDisposable
{
    private readonly LdapConnectorOptions _options;
    private readonly ILogger<LdapGateway> _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly ServerCertificateTrust _trust;
    private readonly ConcurrentBag<LdapConnection> _idle = [];
    private readonly SemaphoreSlim _slots;

    public LdapGateway(IOptions<LdapConnectorOptions> options, TimeProvider timeProvider, ILogger<LdapGateway> logger)
    {
        _options = options.Value;
        _logger = logger;
        _pipeline = LdapPipeline.Create(_options, timeProvider);
        _trust = new ServerCertificateTrust(_options);
        _slots = new SemaphoreSlim(Math.Max(1, _options.MaxConnections));
    }

    /// <summary>Where the connector connects, for messages (never with credentials).</summary>
    public string Endpoint => $"{(_options.UseStartTls ? "ldap" : "ldaps")}://{_options.Server}:{_options.EffectivePort}";

    public async Task<TResponse> SendAsync<TResponse>(DirectoryRequest request, CancellationToken cancellationToken)
        where TResponse : DirectoryResponse
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async token => (TResponse)await SendOnceAsync(request, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (LdapException e) when (e.ErrorCode == 49)
        {
            LogUnavailable(_logger, Endpoint, "the service account's credentials were refused");
            throw new LdapUnavailableException(
                $"The directory server {Endpoint} refused the connector's service account (check Ldap:BindDn and Ldap:BindPassword).", e);
        }
        catch (Exception e) when (LdapPipeline.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(_logger, Endpoint, e.Message);
            throw new LdapUnavailableException($"The directory server {Endpoint} could not be reached ({Describe(e)}).", e);
        }
    }

    /// <summary>
    /// Binds as <paramref name="dn"/> with <paramref name="password"/> on a fresh connection (not pooled), to verify a
    /// password. Returns the server's answer; connection failures go through the pipeline like any other call.
    /// </summary>
    public async Task<BindOutcome> TryBindAsync(string dn, string password, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                token => new ValueTask<BindOutcome>(RunAsync(() =>
                {
                    using var connection = Open(new NetworkCredential(dn, password));
                    return BindOutcome.Success;
                }, token)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (LdapException e) when (e.ErrorCode == 49)
        {
            return BindOutcomeParser.From(e.ServerErrorMessage);
        }
        catch (Exception e) when (LdapPipeline.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new LdapUnavailableException($"The directory server {Endpoint} could not be reached ({Describe(e)}).", e);
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }

        _trust.Dispose();
        _slots.Dispose();
    }

    /// <summary>
    /// Every page of a search with the simple paged results control, all on one connection: the server keeps the state of a
    /// paged search per connection, so a page asked for on another connection is refused (Samba: "Unwilling to perform").
    /// A connection failure on any page starts the whole search again (it only reads).
    /// </summary>
    public async Task<List<SearchResponse>> SearchAllPagesAsync(Func<byte[]?, SearchRequest> page, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async token => await WithConnectionAsync(connection =>
                {
                    var responses = new List<SearchResponse>();
                    byte[]? cookie = null;
                    do
                    {
                        var response = (SearchResponse)connection.SendRequest(page(cookie), _options.OperationTimeout);
                        responses.Add(response);
                        cookie = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie;
                    }
                    while (cookie is { Length: > 0 });
                    return responses;
                }, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (LdapPipeline.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(_logger, Endpoint, e.Message);
            throw new LdapUnavailableException($"The directory server {Endpoint} could not be reached ({Describe(e)}).", e);
        }
    }

    private Task<DirectoryResponse> SendOnceAsync(DirectoryRequest request, CancellationToken cancellationToken) =>
        WithConnectionAsync(connection => connection.SendRequest(request, _options.OperationTimeout), cancellationToken);

    /// <summary>Runs LDAP calls on one pooled connection (opened and bound when none is idle) within one of the pool's slots.</summary>
    private async Task<T> WithConnectionAsync<T>(Func<LdapConnection, T> calls, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        LdapConnection? connection = null;
        try
        {
            var work = Task.Run(() =>
            {
                connection = _idle.TryTake(out var idle) ? idle : Open(new NetworkCredential(_options.BindDn, _options.BindPassword));
                return calls(connection);
            }, CancellationToken.None);
            try
            {
                var response = await work.WaitAsync(cancellationToken).ConfigureAwait(false);
                Return(connection!, healthy: true);
                return response;
            }
            catch (OperationCanceledException) when (!work.IsCompleted)
            {
                // The attempt timed out or the caller gave up: the connection is still busy; drop it once the call returns.
                _ = work.ContinueWith(_ => connection?.Dispose(), TaskScheduler.Default);
                throw;
            }
            catch (DirectoryOperationException)
            {
                Return(connection!, healthy: true);
                throw;
            }
            catch (LdapException e)
            {
                connection?.Dispose();
                if (e.ErrorCode is -1 or 81 && _trust.Thumbprint is not null)
                {
                    _trust.Reset();
                }

                throw;
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private void Return(LdapConnection connection, bool healthy)
    {
        if (healthy)
        {
            _idle.Add(connection);
        }
        else
        {
            connection.Dispose();
        }
    }

    private static Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Run(work, CancellationToken.None).WaitAsync(cancellationToken);

    private LdapConnection Open(NetworkCredential credential)
    {
        var identifier = new LdapDirectoryIdentifier(_options.Server, _options.EffectivePort, fullyQualifiedDnsHostName: true, connectionless: false);
        var connection = new LdapConnection(identifier)
        {
            AuthType = AuthType.Basic,
            AutoBind = false,
            Timeout = _options.OperationTimeout,
        };
        try
        {
            connection.SessionOptions.ProtocolVersion = 3;
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            if (!_options.UseStartTls)
            {
                connection.SessionOptions.SecureSocketLayer = true;
            }

            _trust.Apply(connection.SessionOptions);
            if (_options.UseStartTls)
            {
                if (!OperatingSystem.IsWindows())
                {
                    // libldap learns the server's address only when the connection first connects (in Bind), so StartTLS on a
                    // fresh connection fails with "server unavailable". An anonymous bind (no credentials) connects it; TLS
                    // then starts before the service account's credentials are sent.
                    connection.AuthType = AuthType.Anonymous;
                    connection.Bind();
                    connection.AuthType = AuthType.Basic;
                }

                connection.SessionOptions.StartTransportLayerSecurity(null);
            }

            connection.Bind(credential);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        Polly.CircuitBreaker.BrokenCircuitException => "too many recent failures; the connector waits before trying again",
        Polly.Timeout.TimeoutRejectedException => "no answer in time",
        LdapException ldap when !string.IsNullOrEmpty(ldap.ServerErrorMessage) => $"{ldap.Message} {ldap.ServerErrorMessage}",
        _ => e.Message,
    };

    [LoggerMessage(1, LogLevel.Warning, "The directory server {Endpoint} is unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string endpoint, string reason);
}

/// <summary>What a simple bind with a user's password said (Active Directory's <c>data</c> code in the bind error).</summary>
internal enum BindOutcome
{
    Success,
    /// <summary>The password is right, but must be changed before use (data 773, <c>pwdLastSet=0</c>).</summary>
    MustChangePassword,
    /// <summary>The password is right, but the account is disabled or expired, or its password expired (data 533, 701, 532).</summary>
    AccountRestricted,
    InvalidCredentials,
}

internal static class BindOutcomeParser
{
    public static BindOutcome From(string? serverMessage)
    {
        var message = serverMessage ?? "";
        if (message.Contains("data 773", StringComparison.OrdinalIgnoreCase))
        {
            return BindOutcome.MustChangePassword;
        }

        return message.Contains("data 533", StringComparison.OrdinalIgnoreCase)
            || message.Contains("data 701", StringComparison.OrdinalIgnoreCase)
            || message.Contains("data 532", StringComparison.OrdinalIgnoreCase)
            ? BindOutcome.AccountRestricted
            : BindOutcome.InvalidCredentials;
    }
}
