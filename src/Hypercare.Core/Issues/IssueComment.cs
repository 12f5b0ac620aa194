using Hypercare.Core.People;

namespace Hypercare.Core.Issues;

public sealed class IssueComment
{
    public const int BodyMaxLength = 20_000;

    public int Id { get; private set; }

    public int IssueId { get; private set; }

    public int AuthorId { get; private set; }

    public User? Author { get; private set; }

    public string Body { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static IssueComment Write(int issueId, int authorId, string body, DateTimeOffset now) => new()
    {
        IssueId = issueId,
        AuthorId = authorId,
        Body = body,
        CreatedAt = now,
    };
}
