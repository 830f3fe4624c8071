namespace Atelier.Data.Doctor;

/// <summary>A problem found in one file: its path relative to the checked folder ('/' separators), the kind of problem and a plain-language reason.</summary>
public sealed record FileIssue(string Path, FileIssueKind Kind, string Reason);
