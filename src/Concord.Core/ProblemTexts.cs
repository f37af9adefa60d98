using Concord.Matching;

namespace Concord.Core;

/// <summary>
/// Every sentence an import writes about a problem in a file, as a template of the values that fill it (<see
/// cref="InputProblem.Phrase"/>). The English text of a problem is its template filled in; a screen translates the
/// template and fills it in the same way, so a clerk reads why a row was refused in their own language.
/// </summary>
public static class ProblemTexts
{
    public const string FileNotFound = "file not found";
    public const string FileEmpty = "the file is empty: a header row is needed";
    public const string NotCommaSeparated = "this is not a comma-separated file: the header has a single column";
    public const string NotCsvWorkbook = "this is not a CSV text file (it looks like an Excel workbook or a ZIP archive); export it as CSV (UTF-8) and import again";
    public const string NotCsvPdf = "this is not a CSV text file (it is a PDF document); export it as CSV (UTF-8) and import again";
    public const string NotCsvOldOffice = "this is not a CSV text file (it looks like an old Excel or Word file); export it as CSV (UTF-8) and import again";
    public const string NotCsvBinary = "this is not a CSV text file (it contains binary data); export it as CSV (UTF-8) and import again";
    public const string NotUtf8Gb18030 = "the file is not UTF-8 (it looks like GB18030/GBK (Chinese Windows encoding), first invalid byte on row {0}); save it as UTF-8 and import again";
    public const string NotUtf8 = "the file is not UTF-8 (it is in another encoding, first invalid byte on row {0}); save it as UTF-8 and import again";
    public const string ColumnTwice = "column '{0}' appears twice";
    public const string RequiredColumnMissing = "required column '{0}' is missing";
    public const string RequiredColumnMissingAlso = "required column '{0}' ({1}) is missing";
    public const string CellCount = "the row has {0} cells but the header has {1}";
    public const string QuoteNotClosed = "the quote that opens this cell is never closed: close it, or double a quote inside the cell (\"\")";
    public const string QuoteRunsOn = "the quote that opens this cell closes on line {0} of the file, with more text after it: a quote is missing, or a quote inside the cell is not doubled (\"\")";
    public const string QuoteInCell = "a quote inside a cell that does not start with one: put the whole cell in quotes and double the quote (\"\")";

    public const string ValueRequired = "a value is required";
    public const string RepeatsRow = "'{0}' repeats row {1}";
    public const string AlreadyOnList = "{0} is already on the list with other details";
    public const string AlreadyOnRoster = "{0} is already on the roster with other details";
    public const string AlreadyRecorded = "{0} is already recorded with other details";
    public const string WithdrawalNeedsUpdate = "{0} is marked withdrawn, which only an update of the list can do (import the file as an update)";

    public const string NameNeeded = "a name is needed (name or name_latin)";
    public const string NotASex = "'{0}' is not a sex (M, F, 男, 女 or empty)";
    public const string NotABirthDate = "'{0}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)";
    public const string NamesNoCountry = "'{0}' names no country";
    public const string NotADocumentType = "'{0}' is not an identity document type (CN-RIC, MM-NRC, PASSPORT or empty)";
    public const string NotADate = "'{0}' is not a date";
    public const string NotATimestamp = "'{0}' is not a timestamp (ISO 8601 with offset)";

    public const string NotAnItemType = "'{0}' is not an item type (computer, phone, sim_card, script, bank_card, cash, document, other)";
    public const string NotPositiveWhole = "'{0}' is not a positive whole number";
    public const string NotSha256 = "a SHA-256 is 64 hexadecimal characters";
    public const string HolderNotOnRoster = "'{0}' is not on the roster of operation {1} (import the roster first)";

    public const string DenAlreadyInLead = "den {0} is already in lead {1} with other details";
    public const string TargetAlreadyInLead = "target {0} is already in lead {1} with other details";
    public const string NotACoordinate = "'{0}' is not a coordinate";
    public const string NotYesOrNo = "'{0}' is not yes or no";
    public const string NotARole = "'{0}' is not a role (financier, leader, backbone, member; 金主, 头目, 骨干, 成员)";

    public const string NeitherPersonNorItem = "'{0}' is neither person nor item";
    public const string NotPersonStatus = "'{0}' is not received, missing or identity_disputed";
    public const string NotItemStatus = "'{0}' is not received, missing or hash_mismatch";
    public const string NotOnManifest = "{0} is not on this manifest";
    public const string HashNeeded = "item {0} has a SHA-256 on the manifest: give the hash read at the port to receive it (or mark it missing or hash_mismatch)";
    public const string MismatchIsFinal = "item {0} was recorded as a hash mismatch, which is final: the receiving agency resolves it with a note";

    public const string NotAReviewId = "'{0}' is no review task or candidate of operation {1}";
    public const string NotADecision = "'{0}' is not a decision (confirm, reject or needs-identification)";
    public const string CandidateNeeded = "name the candidate to confirm: task {0} has {1} undecided candidates";
    public const string NotACandidate = "'{0}' is not an undecided candidate of task {1}";
    public const string TaskDecidedOnRow = "task {0} is decided on row {1} already";
    public const string DuplicatesNeedNoIdentification = "a task of duplicate roster rows does not await identification";
    public const string AlreadyAwaitsIdentification = "task {0} already awaits identification";
    public const string IdentificationIsForTasks = "needs-identification is decided for a whole task, not for one candidate";

    public const string DocumentEmpty = "the document is empty";
    public const string AgreementCodeInvalid = ErrorTexts.AgreementCodeInvalid;
    public const string NotAnAgreement = "not a valid agreement document: {0}";
    public const string AgreementTwoParties = "an agreement needs at least two parties";
    public const string NationalityNamesNoCountry = "'{0}' names no country (use ISO alpha-3 or \"*\")";
    public const string NotAParty = "'{0}' is not a party of the agreement";
    public const string NotLeadProviderNorParty = "'{0}' is neither \"lead_provider\" nor a party of the agreement";

    public const string NotAPhoneNumber = "'{0}' is not a telephone number";
    public const string CardLength = "'{0}' is not a bank card number: a card has 12 to 19 digits";
    public const string CardCheckDigit = "'{0}' fails the bank card's check digit (Luhn): a digit is wrong or two are swapped";
    public const string AccountShape = "'{0}' is not a bank account number (6 to 34 letters and digits)";
    public const string TronShape = "'{0}' is not a TRON address (34 characters starting with T, without 0, O, I or l)";
    public const string TronChecksum = "'{0}' fails the TRON address's checksum (Base58Check): a character is wrong";
    public const string EthereumShape = "'{0}' is not an Ethereum address (0x and 40 hexadecimal digits)";
    public const string EthereumChecksum = "'{0}' fails the Ethereum address's checksum (EIP-55, its mix of capitals): a character is wrong";
    public const string AccountName = "'{0}' is not a {1} account name";
    public const string QQNumber = "'{0}' is not a QQ number (5 to 11 digits, not starting with 0)";
    public const string NotAUrl = "'{0}' is not a web address";
    public const string ImeiLength = "'{0}' is not an IMEI: an IMEI has 15 digits";
    public const string ImeiCheckDigit = "'{0}' fails the IMEI's check digit: a digit is wrong";
    public const string ImsiShape = "'{0}' is not an IMSI (14 or 15 digits)";
    public const string NotAnIdentifierKind = "'{0}' is not a kind of identifier (phone, bank_card, bank_account, tron, ethereum, wechat, qq, telegram, whatsapp, line, url, imei, imsi)";
    public const string NotAnAmount = "'{0}' is not an amount (a number, with its currency: 3000, 3000 CNY, 5万元, 200 USDT)";
    public const string NotACurrency = "'{0}' is not a currency (a three-letter code such as CNY, USD, MMK, or USDT)";
    public const string CurrencyNeeded = "the currency of '{0}' is not given: write it after the amount or in the currency column";
    public const string NotAProvince = "'{0}' is not a province of China";
    public const string NotAFraudType = "'{0}' is not a fraud type ({1})";
    public const string NotInOperationSeizures = "item {0} is not among the seizures of operation {1}";
    public const string ImageHashDiffers = "item {0} was recorded with SHA-256 {1}, but this extraction was read from an image with {2}";
    public const string NotAnExtractionTable = "'{0}' is not a table of an extraction (device, sims, accounts, contacts, calls, chats, payments, scripts)";
    public const string NotJson = "the file is not valid JSON: {0}";
    public const string NotAFreezableKind = "'{0}' is not an account a bank or platform freezes (bank_card, bank_account, tron, ethereum, wechat, qq)";
    public const string DeadlinePassed = "the deadline {0} has passed";
    public const string AccountNotInCases = "no report or extraction this agency sees names the account {0}: a freeze is requested for an account the cases lead to";
    public const string NotAFreezeOutcome = "'{0}' is not an answer to a freeze request (frozen, partly-frozen, no-funds, refused)";
    public const string FreezeAnswered = "freeze request {0} is answered already";
    public const string NotAnAppAccountKind = "'{0}' is not an app whose accounts Concord reads (wechat, qq, telegram, whatsapp, line)";

    /// <summary>Every template above, for the screens' translation tables and their tests.</summary>
    public static IReadOnlyList<string> All { get; } = Phrase.TemplatesIn(typeof(ProblemTexts));
}
