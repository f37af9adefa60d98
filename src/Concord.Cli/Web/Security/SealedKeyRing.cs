using System.Xml.Linq;
using Concord.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Concord.Cli.Web.Security;

/// <summary>
/// The keys that protect the node's cookies and antiforgery tokens (ASP.NET Core Data Protection), kept in a folder of
/// their own (<c>Concord:KeyRing</c>, default <c>~/.config/concord/key-ring</c>) and sealed there with the node's secrets
/// key (<see cref="NodeSecrets"/>), so that a copy of the folder forges no session.
/// </summary>
internal static class SealedKeyRing
{
    public const string FolderKey = "Concord:KeyRing";

    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("concord");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, ILoggerFactory>((o, configuration, logs) =>
        {
            var folder = configuration[FolderKey] is { Length: > 0 } set ? set : Path.Combine(Path.GetDirectoryName(NodeSecrets.DefaultPath)!, "key-ring");
            o.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(new DirectoryInfo(folder), logs);
            o.XmlEncryptor = new Encryptor();
        });
    }

    private sealed class Encryptor : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
            new(new XElement("sealedKey", new XComment(" sealed with the node's secrets key "), NodeSecrets.Current.Seal(plaintextElement.ToString(SaveOptions.DisableFormatting))),
                typeof(Decryptor));
    }

    /// <summary>Made by Data Protection itself when it reads a key back (hence public, with a parameterless constructor).</summary>
    public sealed class Decryptor : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement) => XElement.Parse(NodeSecrets.Current.Open(encryptedElement.Value.Trim()));
    }
}
