using System;
using System.Threading.Tasks;
using TenantModels.Testing;

namespace TenantModels.Editor.Tests;

/// <summary>A copy of CallAnalytics, restored or built, open in <c>yaml-language-server</c> set up as docs/editors.md says.</summary>
internal sealed class EditorSession : IAsyncDisposable
{
    private readonly ScratchFolder _scratch;

    private EditorSession(ScratchFolder scratch, SampleProject project, YamlLanguageServer server)
    {
        _scratch = scratch;
        Project = project;
        Server = server;
    }

    public SampleProject Project { get; }

    public YamlLanguageServer Server { get; }

    /// <param name="build">Build the copy (the project schemas exist); otherwise only restore it, as a fresh clone opened in an IDE is.</param>
    public static async Task<EditorSession> StartAsync(string scratchName, bool build)
    {
        var scratch = new ScratchFolder(scratchName);
        var project = SampleProject.Copy("CallAnalytics", scratch.NewPath("CallAnalytics"));
        if (build)
        {
            project.Build();
        }
        else
        {
            project.Restore();
        }

        return new EditorSession(scratch, project, await YamlLanguageServer.StartAsync(project.Directory, EditorSettings.FromDocs()));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _scratch.Delete();
    }
}
