namespace AxonFlow.Cli.Provisioning;

/// <summary>What provision-app-role does to one role.</summary>
internal enum ProvisionAction
{
    /// <summary>The role already accepts the supplied password: nothing to do.</summary>
    Unchanged,

    /// <summary>The role has no password yet: set it.</summary>
    Set,

    /// <summary>The role has a different password and <c>FORCE_RESET=1</c> was given: replace it.</summary>
    Rotate,
}
