using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Planning;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Tests.Output;

/// <summary>The counters behind the live display and the closing summary.</summary>
[TestClass]
public sealed class UnitProgressTests
{
    [TestMethod]
    public void TheLiveLineCountsDoneAndFailedAndNamesTheFirstTransactionsInFlight()
    {
        var progress = new UnitProgress();
        Assert.AreEqual("connecting and planning...", progress.Describe());

        progress.Plan(units: 6, upToDate: 1);
        foreach (var tenant in new[] { "a", "b", "c", "d", "e" })
        {
            progress.Started("[db1] ", PlanUnitKey.Tenant(tenant));
        }

        progress.Finished("[db1] ", PlanUnitKey.Tenant("a"), UnitStatus.Applied);
        progress.Finished("[db1] ", PlanUnitKey.Tenant("c"), UnitStatus.Failed);
        progress.Requeued("[db1] ", PlanUnitKey.Tenant("d"));

        Assert.AreEqual("2/6 transaction(s), 1 failed - running: [db1] tenant b, [db1] tenant e", progress.Describe());

        progress.Started(string.Empty, PlanUnitKey.Tenant("f"));
        progress.Started(string.Empty, PlanUnitKey.Tenant("g"));
        StringAssert.EndsWith(progress.Describe(), "running: [db1] tenant b, [db1] tenant e, tenant f (+1)");
    }

    [TestMethod]
    public void TheSummaryCountsEveryStatusAndRefreshHasNoUpToDate()
    {
        var apply = new UnitProgress();
        apply.Plan(units: 3, upToDate: 2);
        apply.Finished(string.Empty, PlanUnitKey.Global, UnitStatus.Applied);
        apply.Finished(string.Empty, PlanUnitKey.Tenant("a"), UnitStatus.Failed);
        apply.Finished(string.Empty, PlanUnitKey.Union, UnitStatus.Skipped);

        StringAssert.EndsWith(apply.Summary(), ": 1 applied, 1 failed, 1 skipped, 2 up-to-date.");

        var refresh = new UnitProgress("refreshed", countsUpToDate: false);
        refresh.Plan(units: 1, upToDate: 0);
        refresh.Finished(string.Empty, PlanUnitKey.Tenant("a"), UnitStatus.Refreshed);

        StringAssert.EndsWith(refresh.Summary(), ": 1 refreshed, 0 failed, 0 skipped.");
    }

    [TestMethod]
    public void DurationsReadAsSecondsThenMinutes()
    {
        Assert.AreEqual("0.4s", UnitProgress.Duration(TimeSpan.FromMilliseconds(420)));
        Assert.AreEqual("59.9s", UnitProgress.Duration(TimeSpan.FromMilliseconds(59_900)));
        Assert.AreEqual("3m07s", UnitProgress.Duration(TimeSpan.FromSeconds(187)));
    }
}
