namespace AxonFlow.Core.Licensing;

/// <summary>
/// What kind of client a request or a license is for: the scope segment of the License Matrix (seed 001). A request's
/// scope comes from its <c>X-Axonflow-Client</c> header; a license's from its <c>aud</c> claim.
/// </summary>
public enum LicenseScope
{
    /// <summary>No header, or a client that is neither a known plugin nor an SDK: the default.</summary>
    Full,

    /// <summary>A known AxonFlow plugin (Claude Code, Cursor, Codex, OpenClaw, n8n …).</summary>
    Plugin,

    /// <summary>An official SDK (<c>sdk-&lt;language&gt;</c>).</summary>
    Sdk,
}
