using Concord.Cli.Web.Text;
using Concord.Core.Domain;
using Concord.Core.Features.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace Concord.Cli.Web.App;

/// <summary>The web app's plain HTTP endpoints: what a page cannot do over its circuit (cookies, downloads).</summary>
internal static class AppRoutes
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/account/signout", SignOutAsync).ExcludeFromDescription();
        app.MapGet("/account/language", LanguageAsync).ExcludeFromDescription();
        Pages.ReportExport.Map(app);
        Pages.Persons.PersonsExport.Map(app);
        Pages.Downloads.Map(app);
        Pages.Cases.CasesExport.Map(app);
    }

    // [FromForm] makes the antiforgery check apply: a sign-out cannot be forced by another site.
    private static async Task<IResult> SignOutAsync(SignInManager<User> signIn, [FromForm] string? returnUrl)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/");
    }

    /// <summary>Chooses the UI language: kept in a cookie for a visitor and on the user's record once signed in.</summary>
    private static async Task<IResult> LanguageAsync(HttpContext http, UserManager<User> users, string? lang, string? returnUrl)
    {
        if (lang is null || !UiText.Languages.Contains(lang, StringComparer.Ordinal)) return TypedResults.BadRequest();
        AccountRoutes.SetLanguageCookie(http, lang);
        if (http.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(http.User) is { } user)
            await UserAdmin.SetLanguageAsync(users, user, lang);
        return TypedResults.LocalRedirect(AccountRoutes.SafeReturn(returnUrl, "/"));
    }
}

internal static class AccountRoutes
{
    /// <summary>Only a path on this node: a crafted link cannot send a signed-in officer elsewhere.</summary>
    public static string SafeReturn(string? returnUrl, string fallback = "/dashboard") =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && returnUrl != "/"
            ? returnUrl
            : fallback;

    /// <summary>Why the sign-in form and the code form refuse a user before checking what they typed.</summary>
    public static string Refusal(UiText T, SignInGuard.Verdict verdict) => verdict == SignInGuard.Verdict.Disabled
        ? T["This account is disabled. An administrator of your agency can enable it again."]
        : T["This account is locked at this address after too many failed attempts. An administrator of your agency must unlock it."];

    public static void SetLanguageCookie(HttpContext http, string language) =>
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(UiText.CultureOf(language).Name)),
            new CookieOptions { HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromDays(365) });

    public static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();

    public static string QrDataUri(string userName, string key)
    {
        var uri = $"otpauth://totp/Concord:{Uri.EscapeDataString(userName)}?secret={key}&issuer=Concord&digits=6&period=30";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
