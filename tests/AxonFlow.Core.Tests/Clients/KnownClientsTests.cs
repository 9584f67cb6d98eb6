using AxonFlow.Core.Clients;
using AxonFlow.Core.Licensing;
using AxonFlow.Core.Platform;

namespace AxonFlow.Core.Tests.Clients;

public sealed class KnownClientsTests
{
    [Fact]
    public void EveryPluginWithAFloor_IsAKnownPlugin() =>
        Assert.All(PlatformVersion.PluginFloors, f => Assert.Contains(f.Client, KnownClients.PluginIds));

    [Fact]
    public void EverySdkWithAFloor_IsAKnownSdk() =>
        Assert.All(PlatformVersion.SdkFloors, f => Assert.Contains(f.Client, KnownClients.SdkIds));

    [Fact]
    public void TheSeedPlugins_AreListed() =>
        Assert.Equal(["openclaw", "claude-code-plugin", "cursor-plugin", "codex-plugin", "n8n-plugin"], KnownClients.PluginIds);

    [Fact]
    public void ScopeOf_MapsPluginsSdksAndTheRest()
    {
        Assert.All(KnownClients.PluginIds, id => Assert.Equal(LicenseScope.Plugin, KnownClients.ScopeOf(id)));
        Assert.All(KnownClients.SdkIds, id => Assert.Equal(LicenseScope.Sdk, KnownClients.ScopeOf(id)));
        Assert.Equal(LicenseScope.Sdk, KnownClients.ScopeOf("sdk-kotlin"));
        Assert.Equal(LicenseScope.Full, KnownClients.ScopeOf("sdk"));
        Assert.Equal(LicenseScope.Full, KnownClients.ScopeOf("curl"));
    }
}
