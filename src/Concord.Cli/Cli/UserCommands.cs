using System.CommandLine;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Users;
using Concord.Core.Storage;

namespace Concord.Cli.Cli;

/// <summary>The node operator's user commands: an agency's first administrator is made here; the rest in the web app.</summary>
internal static class UserCommands
{
    public static Command Build()
    {
        var name = new Argument<string>("NAME") { Description = "user name (letters, digits, - . _ @)" };
        var agency = new Option<string>("--agency") { Required = true, Description = "agency code" };
        var roles = new Option<string[]>("--role") { Required = true, AllowMultipleArgumentsPerToken = true, Description = $"one or more of: {string.Join(", ", Roles.All)}" };
        var display = new Option<string?>("--display-name") { Description = "name shown in the app" };
        var lang = new Option<string>("--lang") { DefaultValueFactory = _ => "en", Description = "UI language: en, zh or my" };
        var add = new Command("add", "create a user (the password and the enrolment code are printed once; the authenticator app is enrolled at first sign-in with the code)") { name, agency, roles, display, lang };
        add.SetAction((p, ct) => Commands.Run(p, ct, async (_, target, actor) =>
        {
            await using var identity = IdentityServices.Open(target);
            var created = await UserAdmin.CreateByOperatorAsync(identity.Db, identity.Users, actor, p.GetValue(agency)!, p.GetValue(name)!, p.GetValue(display),
                p.GetValue(roles)!, p.GetValue(lang)!, ct);
            return Commands.Done(p, new { id = created.Id, user = created.UserName, password = created.Password, enrolment_code = created.EnrolmentCode },
                $"{created.Id}\n{created.UserName}: password {created.Password}, enrolment code {created.EnrolmentCode} (valid 7 days)");
        }));

        var pwName = new Argument<string>("NAME") { Description = "user name" };
        var password = new Command("password", "give a user a new password (printed once)") { pwName };
        password.SetAction((p, ct) => Commands.Run(p, ct, async (_, target, actor) =>
        {
            await using var identity = IdentityServices.Open(target);
            var secret = await UserAdmin.ResetPasswordByOperatorAsync(identity.Db, identity.Users, actor, p.GetValue(pwName)!, ct);
            return Commands.Done(p, new { user = p.GetValue(pwName), password = secret }, $"{p.GetValue(pwName)}: password {secret}");
        }));

        var authName = new Argument<string>("NAME") { Description = "user name" };
        var authenticator = new Command("authenticator", "give a user a new authenticator key and enrolment code (printed once; the app is enrolled at the next sign-in)") { authName };
        authenticator.SetAction((p, ct) => Commands.Run(p, ct, async (_, target, actor) =>
        {
            await using var identity = IdentityServices.Open(target);
            var code = await UserAdmin.ResetAuthenticatorByOperatorAsync(identity.Db, identity.Users, actor, p.GetValue(authName)!, ct);
            return Commands.Done(p, new { user = p.GetValue(authName), enrolment_code = code }, $"{p.GetValue(authName)}: enrolment code {code} (valid 7 days)");
        }));

        var user = new Command("user", "users of the web app");
        user.Subcommands.Add(authenticator);
        user.Subcommands.Add(add);
        user.Subcommands.Add(password);
        foreach (var (verb, disabled, what) in new[] { ("disable", true, "disable a user: no sign-in, and their open sessions end at once"), ("enable", false, "enable a disabled user again") })
        {
            var who = new Argument<string>("NAME") { Description = "user name" };
            var command = new Command(verb, what) { who };
            command.SetAction((p, ct) => Commands.Run(p, ct, async (_, target, actor) =>
            {
                await using var identity = IdentityServices.Open(target);
                await UserAdmin.SetDisabledByOperatorAsync(identity.Db, identity.Users, actor, p.GetValue(who)!, disabled, ct);
                return Commands.Done(p, new { user = p.GetValue(who), disabled }, $"{p.GetValue(who)}: {verb}d");
            }));
            user.Subcommands.Add(command);
        }
        return user;
    }
}
