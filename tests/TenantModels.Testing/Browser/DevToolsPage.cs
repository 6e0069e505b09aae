using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace TenantModels.Testing.Browser;

/// <summary>
/// One browser tab driven over the Chrome DevTools protocol (JSON over a WebSocket): navigate, evaluate JavaScript,
/// take a screenshot, and collect every console error, uncaught exception and failed load (<see cref="Errors"/>).
/// </summary>
public sealed class DevToolsPage : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _calls = new();
    private readonly List<string> _errors = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    private DevToolsPage(ClientWebSocket socket)
    {
        _socket = socket;
        _ = Task.Run(ReceiveLoop);
    }

    /// <summary>Console errors, uncaught exceptions and resources that failed to load, in the order they happened.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToArray();
            }
        }
    }

    public static DevToolsPage Connect(Uri webSocket)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        socket.ConnectAsync(webSocket, CancellationToken.None).WaitAsync(Timeout).GetAwaiter().GetResult();
        var page = new DevToolsPage(socket);
        page.Call("Runtime.enable");
        page.Call("Log.enable");
        page.Call("Page.enable");
        return page;
    }

    /// <summary>Opens <paramref name="url"/> and waits for its load event (every script of the page has run) when it is a new document.</summary>
    public void Navigate(string url)
    {
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var result = Call("Page.navigate", new JsonObject { ["url"] = url });
        if (result["errorText"] is { } error)
        {
            throw new InvalidOperationException($"could not open {url}: {error}");
        }

        // Only the fragment changed (the site's routes): the same document handles it, there is no load event to wait for.
        if (result["loaderId"] is not null)
        {
            _loaded.Task.WaitAsync(Timeout).GetAwaiter().GetResult();
        }
    }

    /// <summary>The value of a JavaScript expression (promises awaited), as JSON; an exception in it is thrown here.</summary>
    public JsonNode? Evaluate(string expression)
    {
        var result = Call("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is { } exception)
        {
            throw new InvalidOperationException("JavaScript failed: " + exception.ToJsonString());
        }

        return result["result"]?["value"];
    }

    /// <summary>Polls <paramref name="condition"/> (a JavaScript boolean expression) until it holds; fails after the timeout.</summary>
    public void WaitFor(string condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (Evaluate("!!(" + condition + ")")?.GetValue<bool>() != true)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the page never got to: " + condition + "; errors: " + string.Join("; ", Errors));
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>A PNG of the page's width down to the end of its content (not the empty rest of the window).</summary>
    public void Screenshot(string path)
    {
        var width = Evaluate("document.documentElement.clientWidth")!.GetValue<double>();
        var height = Evaluate("Math.ceil(document.querySelector('main').getBoundingClientRect().bottom) + 8")!.GetValue<double>();
        var clip = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 };
        var result = Call("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["clip"] = clip });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Convert.FromBase64String(result["data"]!.GetValue<string>()));
    }

    public JsonObject Call(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var pending = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[id] = pending;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Timeout).GetAwaiter().GetResult();
        var reply = pending.Task.WaitAsync(Timeout).GetAwaiter().GetResult();
        if (reply["error"] is { } error)
        {
            throw new InvalidOperationException(method + " failed: " + error.ToJsonString());
        }

        return reply["result"]?.AsObject() ?? new JsonObject();
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (json["id"] is { } id)
                {
                    if (_calls.TryRemove(id.GetValue<int>(), out var pending))
                    {
                        pending.TrySetResult(json);
                    }
                }
                else
                {
                    OnEvent(json["method"]!.GetValue<string>(), json["params"]?.AsObject());
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed: Dispose, or the browser went away (pending calls then time out with their method named).
        }
    }

    private void OnEvent(string method, JsonObject? parameters)
    {
        if (method == "Page.loadEventFired")
        {
            _loaded.TrySetResult();
        }
        else if (method == "Runtime.consoleAPICalled")
        {
            var type = (string?)parameters?["type"];
            if (type is "error" or "assert")
            {
                Record("console." + type + ": " + parameters?["args"]?.ToJsonString());
            }
        }
        else if (method == "Runtime.exceptionThrown")
        {
            Record("uncaught: " + parameters?["exceptionDetails"]?.ToJsonString());
        }
        else if (method == "Log.entryAdded" && (string?)parameters?["entry"]?["level"] == "error")
        {
            Record("log: " + parameters?["entry"]?["text"] + " " + parameters?["entry"]?["url"]);
        }
    }

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).Wait(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is WebSocketException or AggregateException or ObjectDisposedException)
        {
            // The browser closed first.
        }

        _socket.Dispose();
    }
}
