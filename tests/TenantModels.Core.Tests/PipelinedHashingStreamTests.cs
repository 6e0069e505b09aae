using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Tests;

/// <summary>
/// deploy.sql is hashed and written on another thread while it is still being expanded: the file must get exactly the
/// bytes given, the checksum must be theirs, and a failing disk must reach the writer instead of hanging it.
/// </summary>
[TestClass]
public sealed class PipelinedHashingStreamTests
{
    private const int Megabyte = 1 << 20;

    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    [DataRow(Megabyte - 1)]
    [DataRow(Megabyte)]
    [DataRow(Megabyte + 1)]
    [DataRow((11 * Megabyte) + 12345)]
    public void The_target_gets_every_byte_in_order_and_the_hash_is_theirs(int size)
    {
        var random = new Random(size);
        var bytes = new byte[size];
        random.NextBytes(bytes);
        var target = new MemoryStream();
        byte[] hash;
        using (var stream = new PipelinedHashingStream(target))
        {
            // Writes of every length, from one byte to more than a buffer.
            var at = 0;
            while (at < size)
            {
                var n = Math.Min(size - at, random.Next(4) == 0 ? random.Next(1, 3 * Megabyte) : random.Next(1, 70_000));
                stream.Write(bytes, at, n);
                at += n;
            }

            hash = stream.Finish();
        }

        CollectionAssert.AreEqual(bytes, target.ToArray());
        using var sha256 = SHA256.Create();
        CollectionAssert.AreEqual(sha256.ComputeHash(bytes), hash);
    }

    [TestMethod]
    public void A_target_that_fails_makes_the_writer_fail_instead_of_waiting()
    {
        var run = Task.Run(() =>
        {
            using var stream = new PipelinedHashingStream(new FailingStream(3 * Megabyte));
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 1000; i++)
            {
                stream.Write(chunk, 0, chunk.Length);
            }

            stream.Finish();
        });

        Assert.AreSame(run, Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2))).Result, "the writer hung on a failed target");
        Assert.IsTrue(run.IsFaulted, "64 MB went to a target that takes 3 MB without an error");
        Assert.IsInstanceOfType(run.Exception!.InnerExceptions.Single(), typeof(IOException));
    }

    [TestMethod]
    public void A_writer_that_fails_part_way_releases_the_other_thread()
    {
        var target = new MemoryStream();
        var stream = new PipelinedHashingStream(target);
        stream.Write(new byte[(2 * Megabyte) + 5], 0, (2 * Megabyte) + 5);

        var disposed = Task.Run(stream.Dispose);

        Assert.AreSame(disposed, Task.WhenAny(disposed, Task.Delay(TimeSpan.FromMinutes(2))).Result, "disposing an unfinished stream hung");
        Assert.IsFalse(disposed.IsFaulted, disposed.Exception?.ToString());
        Assert.AreEqual(2 * Megabyte, target.Length, "the full buffers were written, the partial one was not handed over");
    }

    /// <summary>Takes so many bytes, then fails as a full disk does.</summary>
    private sealed class FailingStream : MemoryStream
    {
        private readonly int _capacity;

        public FailingStream(int capacity) => _capacity = capacity;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > _capacity)
            {
                throw new IOException("No space left on device");
            }

            base.Write(buffer, offset, count);
        }
    }
}
