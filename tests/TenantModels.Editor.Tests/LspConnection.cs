using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace TenantModels.Editor.Tests;

/// <summary>
/// JSON-RPC 2.0 over a byte stream with LSP's <c>Content-Length</c> framing: requests with their responses, notifications
/// both ways, and the few requests a server sends to its client, answered as a minimal editor would.
/// </summary>
internal sealed class LspConnection : IDisposable
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(30);

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly List<JsonObject> _notifications = new();
    private readonly object _gate = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _reader;
    private int _nextId;

    public LspConnection(Stream fromServer, Stream toServer)
    {
        _input = fromServer;
        _output = toServer;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Answers the server's own requests (workspace/configuration, capability registration); null when unasked.</summary>
    public Func<string, JsonNode?, JsonNode?> ServerRequestHandler { get; set; } = (_, _) => null;

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        var finished = await Task.WhenAny(completion.Task, Task.Delay(ResponseTimeout));
        if (finished != completion.Task)
        {
            throw new TimeoutException($"no response to {method} within {ResponseTimeout}");
        }

        return await completion.Task;
    }

    public Task NotifyAsync(string method, JsonNode? parameters) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>A mark in the stream of notifications received so far, for waiting on what comes after it.</summary>
    public int NotificationMark
    {
        get
        {
            lock (_gate)
            {
                return _notifications.Count;
            }
        }
    }

    /// <summary>Waits for the first notification of <paramref name="method"/> after <paramref name="mark"/> that <paramref name="match"/> accepts.</summary>
    public async Task<JsonObject> WaitForNotificationAsync(string method, Func<JsonNode?, bool> match, int mark, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_gate)
            {
                foreach (var notification in _notifications.Skip(mark))
                {
                    if ((string?)notification["method"] == method && match(notification["params"]))
                    {
                        return notification;
                    }
                }
            }

            if (_reader.IsCompleted)
            {
                throw new InvalidOperationException($"the language server closed its output before sending {method}", _reader.Exception);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no {method} notification within {timeout}");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose() => _writeLock.Dispose();

    private async Task SendAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeLock.WaitAsync();
        try
        {
            await _output.WriteAsync(header);
            await _output.WriteAsync(body);
            await _output.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await ReadMessageAsync() is { } message)
            {
                await DispatchAsync(message);
            }
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("the language server closed its output"));
            }
        }
    }

    private async Task DispatchAsync(JsonObject message)
    {
        var hasId = message.TryGetPropertyValue("id", out var id) && id is not null;
        var method = (string?)message["method"];
        if (method is null && hasId)
        {
            if (_pending.TryRemove(id!.GetValue<int>(), out var completion))
            {
                if (message["error"] is { } error)
                {
                    completion.TrySetException(new InvalidOperationException($"the language server answered with an error: {error.ToJsonString()}"));
                }
                else
                {
                    completion.TrySetResult(message["result"]?.DeepClone());
                }
            }
        }
        else if (method is not null && hasId)
        {
            var result = ServerRequestHandler(method, message["params"]);
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id!.DeepClone(), ["result"] = result });
        }
        else if (method is not null)
        {
            lock (_gate)
            {
                _notifications.Add(message);
            }
        }
    }

    /// <summary>One framed message; null at the end of the stream.</summary>
    private async Task<JsonObject?> ReadMessageAsync()
    {
        var contentLength = -1;
        while (true)
        {
            var line = await ReadHeaderLineAsync();
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            const string prefix = "Content-Length:";
            if (line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(line.AsSpan(prefix.Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (contentLength < 0)
        {
            throw new InvalidDataException("an LSP message without Content-Length");
        }

        var body = new byte[contentLength];
        await _input.ReadExactlyAsync(body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private async Task<string?> ReadHeaderLineAsync()
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await _input.ReadAsync(one) == 0)
            {
                return null;
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            }

            bytes.Add(one[0]);
        }
    }
}
