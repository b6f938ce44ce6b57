package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"cmdeck/stats"
)

// CSV writes the report's underlying tables as one CSV file for a
// spreadsheet: UTF-8 with a byte-order mark (so Excel reads the accents),
// comma-separated. Tables follow each other, separated by an empty line;
// the first column of every row, header rows included, names the table,
// so filtering on it gives one table with its header:
//
//	figures       metric, period, previous, change (relative: 0.18 is +18 %)
//	days          date, received, one column per kind, replies, positive,
//	              neutral, negative, net_sentiment, followers
//	kinds, tags   name, period, previous
//	contributors, influencers
//	              rank, network, handle, name, followers, items
//	posts         published_at, network, account, likes, shares, replies, total, url, text
//	accounts      network, handle, then received, replies, answered_share,
//	              median_first_response_s, published, followers for the
//	              period and the previous one
//
// Numbers are plain (dot decimal, durations in seconds, shares 0…1);
// a figure that is not available is "n/a", never 0. Text from the networks
// that a spreadsheet would run as a formula (=, +, -, @) is quoted with '.
func CSV(w io.Writer, rep stats.Report) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	sections := []func(stats.Report) [][]string{csvFigures, csvDays, csvKinds, csvTags,
		csvAuthors("contributors", func(r stats.Report) []stats.Contributor { return r.Contributors }),
		csvAuthors("influencers", func(r stats.Report) []stats.Contributor { return r.Influencers }),
		csvPosts, csvAccounts}
	for i, section := range sections {
		if i > 0 {
			if err := cw.Write([]string{}); err != nil {
				return err
			}
		}
		if err := cw.WriteAll(section(rep)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// num is a figure as CSV writes it.
func num(f stats.Figure) string {
	if !f.OK {
		return "n/a"
	}
	return strconv.FormatFloat(f.Value, 'f', -1, 64)
}

// cnt is a count.
func cnt(n int) string { return strconv.Itoa(n) }

// safeText defuses text a spreadsheet would run as a formula: one that
// starts with =, +, - or a tab, or with @ and calls a function (@SUM(…));
// a plain handle (@camille) is left as it is.
func safeText(s string) string {
	if s == "" {
		return s
	}
	if strings.ContainsRune("=+-\t\r", rune(s[0])) || (s[0] == '@' && strings.Contains(s, "(")) {
		return "'" + s
	}
	return s
}

// withSection prefixes every row with the section's name.
func withSection(name string, rows [][]string) [][]string {
	for i := range rows {
		rows[i] = append([]string{name}, rows[i]...)
	}
	return rows
}

func csvFigures(r stats.Report) [][]string {
	fig := func(name string, m stats.Metric) []string {
		return []string{name, num(m.Cur), num(m.Prev), num(m.Change())}
	}
	rows := [][]string{{"metric", "period", "previous", "change"},
		{"period_start", r.Period.From.Format(time.RFC3339), r.Previous.From.Format(time.RFC3339), ""},
		{"period_end", r.Period.To.Format(time.RFC3339), r.Previous.To.Format(time.RFC3339), ""}}
	for _, f := range []struct {
		name string
		m    stats.Metric
	}{
		{"received", r.Received}, {"received_per_day", r.PerDay}, {"replies", r.Replies},
		{"replies_from_cmdeck", r.DeckReplies}, {"needing_reply", r.NeedingReply}, {"answered", r.Answered},
		{"answered_share", r.AnsweredShare}, {"first_response_median_s", r.FirstResponse.Median},
		{"first_response_p90_s", r.FirstResponse.P90},
		{"first_response_business_median_s", r.FirstResponse.BusinessMedian},
		{"first_response_business_p90_s", r.FirstResponse.BusinessP90},
		{"positive", r.Sentiment.Positive}, {"neutral", r.Sentiment.Neutral}, {"negative", r.Sentiment.Negative},
		{"unlabelled", r.Sentiment.Unlabelled}, {"positive_share", r.Sentiment.PositiveShare},
		{"negative_share", r.Sentiment.NegativeShare}, {"net_sentiment", r.Sentiment.Net},
		{"active_authors", r.ActiveAuthors}, {"posts_published", r.Posts.Published},
		{"post_likes", r.Posts.Likes}, {"post_shares", r.Posts.Shares}, {"post_replies", r.Posts.Replies},
		{"engagement_per_post", r.Posts.EngagementPerPost}, {"activity_likes", r.Activity.Likes},
		{"activity_shares", r.Activity.Shares}, {"activity_follows", r.Activity.Follows},
		{"activity_quotes", r.Activity.Quotes}, {"followers_start", r.Followers.Start},
		{"followers_end", r.Followers.End}, {"followers_change", r.Followers.Change},
	} {
		rows = append(rows, fig(f.name, f.m))
	}
	return withSection("figures", rows)
}

func csvDays(r stats.Report) [][]string {
	head := []string{"date", "received"}
	for _, k := range r.Kinds {
		head = append(head, safeText(string(k)))
	}
	rows := [][]string{append(head, "replies", "positive", "neutral", "negative", "net_sentiment", "followers")}
	for _, d := range r.Days {
		row := []string{d.Start.In(d.Start.Location()).Format(time.DateOnly), cnt(d.Received)}
		for _, n := range d.ByKind {
			row = append(row, cnt(n))
		}
		rows = append(rows, append(row, cnt(d.Replies), cnt(d.Positive), cnt(d.Neutral), cnt(d.Negative),
			num(d.Net), num(d.Followers)))
	}
	return withSection("days", rows)
}

func csvKinds(r stats.Report) [][]string {
	rows := [][]string{{"kind", "period", "previous"}}
	for i, k := range r.Kinds {
		rows = append(rows, []string{safeText(string(k)), num(r.ByKind[i].Cur), num(r.ByKind[i].Prev)})
	}
	return withSection("kinds", rows)
}

func csvTags(r stats.Report) [][]string {
	rows := [][]string{{"tag", "period", "previous"}}
	for _, t := range r.Tags {
		rows = append(rows, []string{safeText(t.Tag), num(t.Cur), num(t.Prev)})
	}
	return withSection("tags", rows)
}

func csvAuthors(name string, list func(stats.Report) []stats.Contributor) func(stats.Report) [][]string {
	return func(r stats.Report) [][]string {
		rows := [][]string{{"rank", "network", "handle", "name", "followers", "items"}}
		for i, c := range list(r) {
			a := c.Author
			rows = append(rows, []string{cnt(i + 1), safeText(a.Network), safeText(a.Handle), safeText(a.Name),
				cnt(a.Followers), cnt(c.Items)})
		}
		return withSection(name, rows)
	}
}

func csvPosts(r stats.Report) [][]string {
	rows := [][]string{{"published_at", "network", "account", "likes", "shares", "replies", "total", "url", "text"}}
	for _, p := range r.Posts.Top {
		at := ""
		if !p.Post.PublishedAt.IsZero() {
			at = p.Post.PublishedAt.In(zone(r)).Format(time.RFC3339)
		}
		rows = append(rows, []string{at, safeText(p.Account.Network), safeText(p.Account.Handle),
			num(p.Likes), num(p.Shares), num(p.Replies), num(p.Total), safeText(p.Post.URL), safeText(p.Post.Body)})
	}
	return withSection("posts", rows)
}

func csvAccounts(r stats.Report) [][]string {
	rows := [][]string{{"network", "handle", "received", "received_prev", "replies", "replies_prev",
		"answered_share", "answered_share_prev", "median_first_response_s", "median_first_response_s_prev",
		"published", "published_prev", "followers", "followers_prev"}}
	for _, a := range r.ByAccount {
		row := []string{safeText(a.Account.Network), safeText(a.Account.Handle)}
		for _, m := range []stats.Metric{a.Received, a.Replies, a.AnsweredShare, a.MedianFirstResponse, a.Published, a.Followers} {
			row = append(row, num(m.Cur), num(m.Prev))
		}
		rows = append(rows, row)
	}
	return withSection("accounts", rows)
}

// zone is the report's zone.
func zone(r stats.Report) *time.Location {
	if r.Loc == nil {
		return time.UTC
	}
	return r.Loc
}
