namespace Concord.Matching;

/// <summary>
/// Every sentence the matcher writes into a proposal's evidence, as a template of the values that fill it. The English
/// text of a finding is its template filled in; a screen translates the template and fills it in the same way.
/// </summary>
public static class Findings
{
    public const string IdEqual = "ID number {0} equal";
    public const string IdsDifferBothValid = "ID numbers {0} and {1} differ, both with a valid check digit";
    public const string IdOneDigit = "ID number equal but for one digit at position {0} ({1} / {2}, a check digit fails)";
    public const string IdTwoDigitsSwapped = "ID number equal but for two digits swapped at position {0} ({1} / {2}, a check digit fails)";
    public const string IdsDifferOneInvalid = "ID numbers {0} and {1} differ (one fails its check digit)";
    public const string NrcEqual = "NRC {0} equal";
    public const string NrcOneCharacter = "NRC {0} equal to {1} but for one character at position {2}";
    public const string NrcTwoCharactersSwapped = "NRC {0} equal to {1} but for two characters swapped at position {2}";
    public const string NrcDiffers = "NRC {0} differs from {1}";
    public const string PhoneEqual = "phone {0} equal";
    public const string PassportEqual = "passport {0} equal";
    public const string PassportDiffers = "passport {0} differs from {1}";
    public const string DocumentEqual = "{0} {1} equal";
    public const string DocumentDiffers = "{0} {1} differs from {2}";

    public const string WrittenDateOverruled = "written birth date {0} disagrees with its own ID number; the ID's {1} is used";
    public const string CandidateWrittenDateOverruled = "candidate's written birth date {0} disagrees with its own ID number; the ID's {1} is used";
    public const string BirthDateEqual = "birth date {0} equals {1}";
    public const string BirthDateSwapped = "birth date {0} equals {1} with day and month swapped";
    public const string BirthDateCompatible = "birth date {0} agrees with {1} as far as both go";
    public const string BirthYearDiffers = "birth year {0} differs from {1}";
    public const string BirthDateDiffers = "birth date {0} differs from {1}";
    public const string SexEqual = "sex equal";
    public const string SexDiffers = "sex differs";
    public const string NationalityEqual = "nationality {0} equal";
    public const string NationalityDiffersFrom = "nationality {0} differs from {1}";

    public const string NameEquals = "name {0} equals {1}";
    public const string LatinNameMatchesHanDiffers = "Latin name {0} matches {1} but the Chinese characters differ";
    public const string LatinNameMatches = "Latin name {0} matches {1}";
    public const string LatinNameMatchesViaSurname = "Latin name {0} matches {1} via surname spelling {2}";
    public const string LatinNameSurnameSpelling = "Latin name {0} is {1} but for the surname spelling {2} / {3}";
    public const string HanNameReads = "name {0} reads {1}, as {2} is spelt";
    public const string MyanmarNameSpelt = "name {0} is conventionally spelt {1}";
    public const string AliasShared = "alias {0} also used by the candidate";

    public const string RuleTwoValidIds = "two valid, different ID numbers: different persons";
    public const string RuleSameDocumentNamesDiffer = "same document but the names differ";
    public const string RuleSameDocumentOtherFieldsDisagree = "same document but other fields disagree";
    public const string RuleSameDocumentNothingAgainst = "same document and nothing against it";
    public const string RuleBirthDatesConflict = "birth dates conflict";
    public const string RuleDifferentNrcs = "different NRC numbers: different persons";
    public const string RuleSlipAgreeing = "ID number one slip away, with name, birth date and sex agreeing";
    public const string RuleSlipNamesDiffer = "ID number one slip away but the names differ";
    public const string RuleSlipReview = "ID number one slip away: a human must look";
    public const string RuleNameDateSexAgree = "name, full birth date and sex agree and nothing is against";
    public const string RuleNameOnlyAsRead = "the name agrees only as read from another script";
    public const string RuleNameNotSettled = "name agrees but the records do not settle it";
    public const string RuleNamesNearlyDatesAgree = "names only nearly agree, birth dates agree";
    public const string RuleNamesNearlyNothingElse = "names only nearly agree and nothing else supports it";
    public const string RuleAliasWithBirthDate = "only an alias agrees, with the birth date";
    public const string RuleAliasOnly = "only an alias agrees";
    public const string RuleNamesDisagree = "names do not agree";
    public const string RuleNationalityDiffers = "nationality differs";
    public const string RuleSeveralAgree = "{0} records on the list agree on name, full birth date and sex: a document, photo or fingerprint must tell them apart";
    public const string RuleCommonNameSameYear = "{0} other records on the list share the name and the year of birth: the birth date alone does not settle it";
    public const string RuleBelowAccept = "the evidence is below the accept threshold {0}";
    public const string RuleBelowReview = "the evidence is below the review threshold {0}";

    /// <summary>Every template above, for the screens' translation tables and their tests.</summary>
    public static IReadOnlyList<string> All { get; } = Phrase.TemplatesIn(typeof(Findings));
}
