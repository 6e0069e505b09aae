using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Tests.Output;

/// <summary>The words TM3007 uses for an exception: its cause, never just the layer that noticed it.</summary>
[TestClass]
public sealed class ErrorCauseTests
{
    [TestMethod]
    public void AMessageThatIsOnlyANameSaysWhatKindOfErrorItIs()
    {
        Assert.AreEqual("InvalidOperationException NpgsqlTransaction", ErrorCause.Of(new InvalidOperationException("NpgsqlTransaction")));
    }

    [TestMethod]
    public void InnerExceptionsAreUnwrappedOnceEach()
    {
        var error = new NpgsqlException("Exception while writing to stream", new InvalidDataException("the frame is malformed", new FormatException("the frame is malformed.")));

        Assert.AreEqual("Exception while writing to stream (the frame is malformed)", ErrorCause.Of(error));
    }

    [TestMethod]
    public void AnEndOfStreamIsALostConnection()
    {
        var error = new NpgsqlException("Exception while reading from stream", new EndOfStreamException("Attempted to read past the end of the stream."));

        StringAssert.StartsWith(ErrorCause.Of(error), "the connection to the server was lost (Exception while reading from stream (Attempted to read past the end of the stream)): it closed without an error from PostgreSQL");
    }
}
