using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace TenantModels.Runner.Tests.Support;

/// <summary>
/// A TCP relay in front of the test server whose connections a test can cut (the client sees the socket close without
/// a word from PostgreSQL, as when a network link or a load balancer drops it), or that answers nothing at all (the
/// client's connect times out).
/// </summary>
internal sealed class CuttableProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly bool _silent;
    private readonly List<Socket> _sockets = new();
    private readonly CancellationTokenSource _stop = new();

    /// <param name="silent">Accept connections but never relay them: the server seems to hang.</param>
    public CuttableProxy(string connectionString, bool silent = false)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _upstreamHost = builder.Host!;
        _upstreamPort = builder.Port;
        _silent = silent;
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    /// <summary><paramref name="connectionString"/> through this proxy.</summary>
    public string Through(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        Host = "127.0.0.1",
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port,
        Pooling = false,
    }.ConnectionString;

    /// <summary>Closes every relayed connection at once, both sides.</summary>
    public void Cut()
    {
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                try
                {
                    socket.Close(0);
                }
                catch (ObjectDisposedException)
                {
                }
            }

            _sockets.Clear();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_sockets)
            {
                _sockets.Add(client);
            }

            if (_silent)
            {
                continue;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await server.ConnectAsync(_upstreamHost, _upstreamPort);
            lock (_sockets)
            {
                _sockets.Add(server);
            }

            _ = Task.Run(() => Pump(client, server));
            _ = Task.Run(() => Pump(server, client));
        }
    }

    private static async Task Pump(Socket from, Socket to)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Cut: the other pump sees it too.
        }
    }
}
