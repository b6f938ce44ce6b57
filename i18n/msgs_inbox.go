package i18n

// inboxMsgs holds the messages of the inbox area (keys "inbox.*").
func inboxMsgs() map[string]Msg {
	return map[string]Msg{
		"inbox.title": {EN: "Inbox", FR: "Messages"},

		// Key help.
		"inbox.key.down":     {EN: "down", FR: "bas"},
		"inbox.key.up":       {EN: "up", FR: "haut"},
		"inbox.key.top":      {EN: "newest", FR: "plus récent"},
		"inbox.key.bottom":   {EN: "oldest", FR: "plus ancien"},
		"inbox.key.pagedown": {EN: "page down", FR: "page suivante"},
		"inbox.key.pageup":   {EN: "page up", FR: "page précédente"},
		"inbox.key.open":     {EN: "read thread", FR: "lire le fil"},
		"inbox.key.back":     {EN: "back to list", FR: "retour à la liste"},

		// List header and states.
		"inbox.filter.all":     {EN: "All messages", FR: "Tous les messages"},
		"inbox.position":       {EN: "%s / %s", FR: "%s / %s"},
		"inbox.unknown":        {EN: "…", FR: "…"},
		"inbox.fresh":          {EN: "new: %d", FR: "nouveaux : %d"},
		"inbox.loading":        {EN: "Loading…", FR: "Chargement…"},
		"inbox.empty":          {EN: "Waiting for the first sync…", FR: "En attente de la première synchronisation…"},
		"inbox.empty.hint":     {EN: "Messages appear here as soon as an account has synced.", FR: "Les messages s’affichent ici dès qu’un compte est synchronisé."},
		"inbox.err.list":       {EN: "Could not read the inbox: %s. Press g to retry.", FR: "Impossible de lire la boîte de réception : %s. Appuyez sur g pour réessayer."},
		"inbox.err.short":      {EN: "read error, g to retry", FR: "erreur de lecture, g pour réessayer"},
		"inbox.err.nosource":   {EN: "no data source is connected", FR: "aucune source de données n’est branchée"},
		"inbox.thousands_sep":  {EN: ",", FR: " "},
		"inbox.decimal_sep":    {EN: ".", FR: ","},
		"inbox.thread.title":   {EN: "Conversation", FR: "Conversation"},
		"inbox.thread.focused": {EN: "Conversation · esc: back to list", FR: "Conversation · échap : retour à la liste"},
		"inbox.thread.none":    {EN: "No message selected.", FR: "Aucun message sélectionné."},
		"inbox.thread.you":     {EN: "You", FR: "Vous"},
		"inbox.thread.err":     {EN: "Could not load the conversation: %s. It reloads at the next sync.", FR: "Impossible de charger la conversation : %s. Elle sera rechargée à la prochaine synchronisation."},

		// Author card.
		"inbox.card.followers":  {EN: "%s followers", FR: "%s abonnés"},
		"inbox.card.history":    {EN: "%d messages to %s", FR: "%d messages à %s"},
		"inbox.card.history1":   {EN: "first message to %s", FR: "premier message à %s"},
		"inbox.card.history_na": {EN: "messages to %s: …", FR: "messages à %s : …"},
		"inbox.flag.vip":        {EN: "VIP", FR: "VIP"},
		"inbox.flag.influencer": {EN: "influencer", FR: "influenceur"},
		"inbox.flag.blocked":    {EN: "blocked", FR: "bloqué"},
	}
}
