using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Core.Features.Users;

/// <summary>Users managed from the terminal (the node operator, the demo) with the same Identity rules as the web host.</summary>
public sealed class IdentityServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;

    private IdentityServices(DatabaseTarget target)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<ConcordDbContext>(o => Database.Configure(o, target));
        services.AddConcordIdentity();
        _provider = services.BuildServiceProvider();
        _scope = _provider.CreateAsyncScope();
    }

    public static IdentityServices Open(DatabaseTarget target) => new(target);

    public ConcordDbContext Db => _scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
    public UserManager<User> Users => _scope.ServiceProvider.GetRequiredService<UserManager<User>>();

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
    }
}
