using Concord.Core.Auditing;

namespace Concord.Core.Features.Federation;

/// <summary>
/// The node's identity: an Ed25519 key made by <c>concord node init --name</c> and kept apart from the database, in the
/// text of <c>CONCORD_NODE_IDENTITY</c>, or a file only its owner reads (<c>--key-file</c>, <c>CONCORD_NODE_IDENTITY_FILE</c>,
/// or <c>~/.config/concord/node-identity.key</c>). It is not the node's secrets key (<c>CONCORD_NODE_KEY</c>), which seals
/// what the node keeps and never leaves it. The key's name is the node's name; partners know the node by its verifier key.
/// </summary>
public static class NodeIdentity
{
    public const string Variable = "CONCORD_NODE_IDENTITY";
    public const string FileVariable = "CONCORD_NODE_IDENTITY_FILE";

    public static readonly SigningKeyFile Store = new(Variable, FileVariable, "node-identity.key", "node identity key");

    /// <summary>The node's key; refused with how to make one when there is none.</summary>
    public static NoteKey Require(string? file) => Store.Load(file)
        ?? throw new ConcordException(new ConflictError($"{Store.PathOf(file)}: this node has no identity yet; make one with: concord node init --name NAME"));
}
