package bluesky

import (
	"encoding/json"
	"time"
)

// The lexicon types cmdeck reads and writes (app.bsky.*, com.atproto.*),
// with only the fields it uses. Every string here came from the network
// and is hostile until the store sanitizes it.

// session is com.atproto.server.createSession / refreshSession's answer.
type session struct {
	AccessJwt  string `json:"accessJwt"`
	RefreshJwt string `json:"refreshJwt"`
	Handle     string `json:"handle"`
	DID        string `json:"did"`
}

// strongRef is com.atproto.repo.strongRef: a record at one version.
type strongRef struct {
	URI string `json:"uri"`
	CID string `json:"cid"`
}

// replyRef is app.bsky.feed.post#replyRef.
type replyRef struct {
	Root   strongRef `json:"root"`
	Parent strongRef `json:"parent"`
}

// facet is app.bsky.richtext.facet: a byte range of the text and what it is.
type facet struct {
	Index    byteSlice      `json:"index"`
	Features []facetFeature `json:"features"`
}

// byteSlice is a range of UTF-8 bytes, end exclusive.
type byteSlice struct {
	ByteStart int `json:"byteStart"`
	ByteEnd   int `json:"byteEnd"`
}

// facetFeature is one of #mention (DID), #link (URI) or #tag (Tag).
type facetFeature struct {
	Type string `json:"$type"`
	DID  string `json:"did,omitempty"`
	URI  string `json:"uri,omitempty"`
	Tag  string `json:"tag,omitempty"`
}

const (
	typePost    = "app.bsky.feed.post"
	typeLike    = "app.bsky.feed.like"
	typeBlock   = "app.bsky.graph.block"
	typeImages  = "app.bsky.embed.images"
	featMention = "app.bsky.richtext.facet#mention"
	featLink    = "app.bsky.richtext.facet#link"
	featTag     = "app.bsky.richtext.facet#tag"
)

// postRecord is app.bsky.feed.post.
type postRecord struct {
	Type      string    `json:"$type"`
	Text      string    `json:"text"`
	CreatedAt string    `json:"createdAt"`
	Reply     *replyRef `json:"reply,omitempty"`
	Facets    []facet   `json:"facets,omitempty"`
	Langs     []string  `json:"langs,omitempty"`
	// Embed is what the post carries besides its text, kept as it came:
	// cmdeck writes only imagesEmbed and never decodes another's.
	Embed json.RawMessage `json:"embed,omitempty"`
}

// imagesEmbed is app.bsky.embed.images.
type imagesEmbed struct {
	Type   string       `json:"$type"`
	Images []embedImage `json:"images"`
}

// embedImage is one image of app.bsky.embed.images: the uploaded blob as
// the PDS described it, and its alt text.
type embedImage struct {
	Image json.RawMessage `json:"image"`
	Alt   string          `json:"alt"`
}

// likeRecord is app.bsky.feed.like.
type likeRecord struct {
	Type      string    `json:"$type"`
	Subject   strongRef `json:"subject"`
	CreatedAt string    `json:"createdAt"`
}

// blockRecord is app.bsky.graph.block.
type blockRecord struct {
	Type      string `json:"$type"`
	Subject   string `json:"subject"` // the blocked account's DID
	CreatedAt string `json:"createdAt"`
}

// profileBasic is app.bsky.actor.defs#profileViewBasic (and the fields of
// the fuller views cmdeck reads).
type profileBasic struct {
	DID            string `json:"did"`
	Handle         string `json:"handle"`
	DisplayName    string `json:"displayName"`
	FollowersCount *int   `json:"followersCount"`
	FollowsCount   *int   `json:"followsCount"`
	PostsCount     *int   `json:"postsCount"`
	Viewer         *struct {
		Blocking string `json:"blocking"`
		Muted    bool   `json:"muted"`
	} `json:"viewer"`
}

// notification is app.bsky.notification.listNotifications#notification.
type notification struct {
	URI           string       `json:"uri"`
	CID           string       `json:"cid"`
	Author        profileBasic `json:"author"`
	Reason        string       `json:"reason"`
	ReasonSubject string       `json:"reasonSubject"`
	Record        postRecord   `json:"record"`
	IndexedAt     time.Time    `json:"indexedAt"`
}

// notificationsPage is listNotifications' answer.
type notificationsPage struct {
	Cursor        string         `json:"cursor"`
	Notifications []notification `json:"notifications"`
}

// postView is app.bsky.feed.defs#postView.
type postView struct {
	URI         string       `json:"uri"`
	CID         string       `json:"cid"`
	Author      profileBasic `json:"author"`
	Record      postRecord   `json:"record"`
	ReplyCount  int          `json:"replyCount"`
	RepostCount int          `json:"repostCount"`
	LikeCount   int          `json:"likeCount"`
	QuoteCount  int          `json:"quoteCount"`
	IndexedAt   time.Time    `json:"indexedAt"`
}

// threadAnswer is getPostThread's answer.
type threadAnswer struct {
	Thread threadNode `json:"thread"`
}

// threadNode is one post of a thread and the one it answers: only a
// #threadViewPost has a post (a #notFoundPost or #blockedPost does not).
type threadNode struct {
	Type   string      `json:"$type"`
	Post   *postView   `json:"post"`
	Parent *threadNode `json:"parent"`
}

// authorFeed is getAuthorFeed's answer.
type authorFeed struct {
	Cursor string `json:"cursor"`
	Feed   []struct {
		Post   postView `json:"post"`
		Reason *struct {
			Type string `json:"$type"`
		} `json:"reason"`
	} `json:"feed"`
}

// writeResult is createRecord / putRecord's answer.
type writeResult struct {
	URI string `json:"uri"`
	CID string `json:"cid"`
}

// recordAnswer is getRecord's answer.
type recordAnswer struct {
	URI   string     `json:"uri"`
	CID   string     `json:"cid"`
	Value postRecord `json:"value"`
}

// listRecordsAnswer is listRecords' answer for block records.
type listRecordsAnswer struct {
	Cursor  string `json:"cursor"`
	Records []struct {
		URI   string      `json:"uri"`
		Value blockRecord `json:"value"`
	} `json:"records"`
}
