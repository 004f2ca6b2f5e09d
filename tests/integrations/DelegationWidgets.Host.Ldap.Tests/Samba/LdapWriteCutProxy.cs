using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DelegationWidgets.Host.Ldap.Tests.Samba;

/// <summary>
/// An LDAPS proxy on its own loopback address in front of the test DC, with a certificate for that address signed by the
/// test domain's CA (so the connector validates it as it validates the DC). It reads each LDAP message (BER envelope) and,
/// while <see cref="CutWrites"/> is set, drops the connection on any add, modify, delete or rename: to the connector the DC
/// becomes unreachable at exactly the moment a change is applied, after the scope checks and the preview have read from it.
/// </summary>
public sealed class LdapWriteCutProxy : IAsyncDisposable
{
    private const byte ModifyRequest = 0x66;
    private const byte AddRequest = 0x68;
    private const byte DeleteRequest = 0x4A;
    private const byte ModifyDnRequest = 0x6C;

    private readonly string _upstream;
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2 _ca;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _writesCut;
    private int _writesHeld;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LdapWriteCutProxy(string address, string upstream, X509Certificate2 certificate, X509Certificate2 ca)
    {
        Address = address;
        _upstream = upstream;
        _certificate = certificate;
        _ca = ca;
        _listener = new TcpListener(IPAddress.Parse(address), 636);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Where the connector connects instead of the DC.</summary>
    public string Address { get; }

    /// <summary>While true, a connection that sends a write is dropped before the write reaches the DC.</summary>
    public bool CutWrites { get; set; }

    /// <summary>
    /// While true, a write is held (it never reaches the DC) until <see cref="DropHeldWrites"/>, which drops it with its
    /// connection: to the connector the DC takes forever to apply the change.
    /// </summary>
    public bool HoldWrites { get; set; }

    /// <summary>How many writes are or were held so far.</summary>
    public int WritesHeld => Volatile.Read(ref _writesHeld);

    /// <summary>Drops the writes held so far, with their connections.</summary>
    public void DropHeldWrites() => Interlocked.Exchange(ref _release, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>How many writes were cut so far.</summary>
    public int WritesCut => Volatile.Read(ref _writesCut);

    public static LdapWriteCutProxy Start(SambaDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var address = SambaDomain.AnotherLoopbackAddress();
        var ca = X509Certificate2.CreateFromPemFile(domain.CaCertificate, domain.CaKey);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=ldap proxy", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Parse(address));
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var signed = request.Create(ca, ca.NotBefore, ca.NotAfter, serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        // Through PKCS#12 so the TLS stack gets a certificate with a persisted key on every platform.
        var certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return new LdapWriteCutProxy(address, domain.Address, certificate, ca);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
        _certificate.Dispose();
        _ca.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var upstream = new TcpClient();
        try
        {
            using var fromClient = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            await fromClient.AuthenticateAsServerAsync(_certificate);
            await upstream.ConnectAsync(IPAddress.Parse(_upstream), 636, _stop.Token);
            using var toServer = new SslStream(upstream.GetStream(), false, (_, certificate, _, _) => IsSignedByCa(certificate));
            await toServer.AuthenticateAsClientAsync(_upstream);
            using var session = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var down = toServer.CopyToAsync(fromClient, session.Token);
            var up = PumpRequestsAsync(fromClient, toServer, session.Token);
            await Task.WhenAny(down, up);
            await session.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // The connection ends (or was cut): both sides are closed by the usings.
        }
    }

    /// <summary>Copies whole LDAP messages from the client to the DC; returns (closing both sides) when a write is to be cut.</summary>
    private async Task PumpRequestsAsync(Stream client, Stream server, CancellationToken cancellationToken)
    {
        while (await ReadMessageAsync(client, cancellationToken) is { } message)
        {
            var write = OperationOf(message) is ModifyRequest or AddRequest or DeleteRequest or ModifyDnRequest;
            if (HoldWrites && write)
            {
                Interlocked.Increment(ref _writesHeld);
                await Volatile.Read(ref _release).Task.WaitAsync(cancellationToken);
                return;
            }

            if (CutWrites && write)
            {
                Interlocked.Increment(ref _writesCut);
                return;
            }

            await server.WriteAsync(message, cancellationToken);
            await server.FlushAsync(cancellationToken);
        }
    }

    /// <summary>One LDAPMessage (SEQUENCE, BER definite length), or null at the end of the stream.</summary>
    private static async Task<byte[]?> ReadMessageAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[2];
        if (!await ReadExactlyOrEndAsync(stream, head, cancellationToken))
        {
            return null;
        }

        var lengthBytes = (head[1] & 0x80) == 0 ? 0 : head[1] & 0x7F;
        var extra = new byte[lengthBytes];
        await stream.ReadExactlyAsync(extra, cancellationToken);
        var length = lengthBytes == 0 ? head[1] : extra.Aggregate(0, (total, b) => (total << 8) | b);
        var message = new byte[2 + lengthBytes + length];
        head.CopyTo(message, 0);
        extra.CopyTo(message, 2);
        await stream.ReadExactlyAsync(message.AsMemory(2 + lengthBytes), cancellationToken);
        return message;
    }

    /// <summary>The protocolOp tag: the element after the messageID INTEGER inside the envelope.</summary>
    private static byte OperationOf(byte[] message)
    {
        var offset = 1;
        offset += (message[offset] & 0x80) == 0 ? 1 : 1 + (message[offset] & 0x7F);
        var idLength = message[offset + 1];
        offset += 2 + idLength;
        return message[offset];
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private bool IsSignedByCa(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }
}
