namespace Concord.Matching;

public enum Sex { Unknown, Male, Female }
