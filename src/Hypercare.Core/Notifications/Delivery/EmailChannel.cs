using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Utils;

namespace Hypercare.Core.Notifications.Delivery;

/// <summary>E-mail over SMTP with MailKit: one connection per message, TLS as configured, login when a user is set.</summary>
public sealed partial class EmailChannel(DeliverySettings settings) : INotificationChannel
{
    private readonly SmtpSettings _smtp = settings.Smtp;

    public string Name => OutboxMessage.EmailChannel;

    public bool IsConfigured => _smtp.IsConfigured;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!MailboxAddress.TryParse(message.Recipient, out var to))
        {
            return DeliveryResult.Refused($"'{message.Recipient}' is not an e-mail address.");
        }

        using var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(_smtp.From));
        mail.To.Add(to);
        mail.Subject = message.Subject;
        mail.Body = Body(message);

        using var client = new SmtpClient { Timeout = (int)settings.Outbox.SendTimeout.TotalMilliseconds };
        var security = !_smtp.UseTls ? SecureSocketOptions.None : _smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        try
        {
            await client.ConnectAsync(_smtp.Host!, _smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(_smtp.User))
            {
                await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return DeliveryResult.Ok;
        }
        catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted && (int)e.StatusCode >= 500)
        {
            // A 5xx for the mailbox will not change on retry; a 4xx (greylisting, full mailbox) may.
            return DeliveryResult.Refused($"SMTP refused: {(int)e.StatusCode} {e.Message}");
        }
        catch (AuthenticationException e)
        {
            return DeliveryResult.Transient($"SMTP login failed: {e.Message}");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException
            or System.Net.Sockets.SocketException or SslHandshakeException)
        {
            return DeliveryResult.Transient($"SMTP: {e.Message}");
        }
    }

    /// <summary>
    /// Plain text alone, or multipart/alternative with the HTML as multipart/related: each data: PNG in the HTML becomes an
    /// inline part referenced by cid:, which mail clients show (most block data: URIs).
    /// </summary>
    public static MimeEntity Body(OutboxMessage message)
    {
        if (message.Calendar is { } calendar)
        {
            // The text and the invitation as alternatives (what Outlook, Gmail and Apple Mail look for), with the METHOD as a
            // content-type parameter, as RFC 6047 (iMIP) asks.
            var invitation = new TextPart("calendar") { Text = calendar };
            invitation.ContentType.Parameters.Add("method", CalendarMethod().Match(calendar) is { Success: true } m ? m.Groups[1].Value : "PUBLISH");
            invitation.ContentType.Charset = "utf-8";
            return new MultipartAlternative { new TextPart("plain") { Text = message.Body }, invitation };
        }

        if (message.HtmlBody is null)
        {
            return new TextPart("plain") { Text = message.Body };
        }

        var builder = new BodyBuilder { TextBody = message.Body };
        builder.HtmlBody = InlineImage().Replace(message.HtmlBody, m =>
        {
            var image = builder.LinkedResources.Add($"chart{builder.LinkedResources.Count + 1}.png", Convert.FromBase64String(m.Groups["data"].Value),
                new ContentType("image", "png"));
            image.ContentId = MimeUtils.GenerateMessageId();
            return $"src=\"cid:{image.ContentId}\"";
        });
        return builder.ToMessageBody();
    }

    [GeneratedRegex("^METHOD:([A-Z]+)\\r?$", RegexOptions.Multiline)]
    private static partial Regex CalendarMethod();

    [GeneratedRegex("src=\"data:image/png;base64,(?<data>[A-Za-z0-9+/=]+)\"")]
    private static partial Regex InlineImage();
}
