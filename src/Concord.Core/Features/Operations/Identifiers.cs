using Concord.Core.Domain;
using Concord.Matching;

namespace Concord.Core.Features.Operations;

internal static class Identifiers
{
    public static PersonIdentifier FromRoster(Guid personId, string type, string number, string rosterNo) =>
        Create(personId, type, number, IdentifierTrust.Roster, $"roster:{rosterNo}");

    public static PersonIdentifier Create(Guid personId, string type, string number, IdentifierTrust trust, string source) => new()
    {
        PersonId = personId,
        Type = type,
        Number = number,
        Trust = trust,
        Source = source,
        ValidCheck = type != "CN-RIC" || (ChineseResidentId.IsWellFormed(number) && ChineseResidentId.HasValidCheckDigit(number)),
    };
}
