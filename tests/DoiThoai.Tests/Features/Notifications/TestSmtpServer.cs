using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpHost = SmtpServer.SmtpServer;

namespace DoiThoai.Tests.Features.Notifications;

/// <summary>One email as the server received it: the envelope recipients and the parsed message.</summary>
public sealed record ReceivedEmail(IReadOnlyList<string> To, MimeMessage Message)
{
    public string Subject => Message.Subject ?? "";
    public string Text => Message.TextBody ?? "";
}

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port, keeping what it receives in
/// memory. It can be stopped and started again on the same port, to play a mail server outage.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedEmail> received = new();
    private CancellationTokenSource? running;
    private Task? serverTask;

    public int Port { get; } = FreePort();
    public IReadOnlyList<ReceivedEmail> Received => received.ToArray();
    public bool IsRunning => running is not null;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        if (running is not null) return;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(received));
        running = new CancellationTokenSource();
        serverTask = new SmtpHost(options, services).StartAsync(running.Token);
        // StartAsync listens in the background: wait until the port answers.
        for (var i = 0; ; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (i < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    public async Task StopAsync()
    {
        if (running is null) return;
        await running.CancelAsync();
        try { await serverTask!; } catch (OperationCanceledException) { }
        running.Dispose();
        running = null;
        serverTask = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(ConcurrentQueue<ReceivedEmail> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, ct);
            received.Enqueue(new ReceivedEmail(transaction.To.Select(m => m.AsAddress()).ToList(), message));
            return SmtpResponse.Ok;
        }
    }
}
