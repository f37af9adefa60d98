namespace Concord.Matching;

public enum Script { Unknown, Latin, Han, Myanmar, Mixed }
