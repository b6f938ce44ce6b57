package i18n

// calendarMsgs holds the messages of the Calendar pane and its post
// composer (keys "calendar.*"): views, keys, statuses, dialogs, what the
// writes did or why they failed, and the composer's fields and refusals.
func calendarMsgs() map[string]Msg {
	m := map[string]Msg{
		"calendar.title":       {"Calendar", "Calendrier"},
		"calendar.view.week":   {"Week", "Semaine"},
		"calendar.view.month":  {"Month", "Mois"},
		"calendar.view.agenda": {"Agenda", "Agenda"},
		// Week 11 · 10 – 16 Mar 2025
		"calendar.period.week":    {"wk %d · %s – %s %d", "sem. %d · %s – %s %d"},
		"calendar.posts.one":      {"%d post", "%d publication"},
		"calendar.posts.other":    {"%d posts", "%d publications"},
		"calendar.posts.more":     {"%d+ posts", "%d+ publications"},
		"calendar.failed.one":     {"%d failed", "%d en échec"},
		"calendar.failed.other":   {"%d failed", "%d en échec"},
		"calendar.error":          {"Could not load the posts: %v", "Impossible de charger les publications : %v"},
		"calendar.error.short":    {"not up to date", "pas à jour"},
		"calendar.today":          {"Today", "Aujourd'hui"},
		"calendar.tomorrow":       {"Tomorrow", "Demain"},
		"calendar.yesterday":      {"Yesterday", "Hier"},
		"calendar.month.more":     {"+%d more", "+%d autres"},
		"calendar.accounts.one":   {"%d account", "%d compte"},
		"calendar.accounts.other": {"%d accounts", "%d comptes"},

		"calendar.agenda.empty":      {"No post in %s.", "Aucune publication en %s."},
		"calendar.agenda.empty_hint": {"Press n to plan one; [ and ] change the month.", "Appuyez sur n pour en prévoir une ; [ et ] changent de mois."},

		"calendar.footer.empty_hour": {"%s · nothing planned · n to plan a post", "%s · rien de prévu · n pour prévoir une publication"},
		"calendar.footer.empty_day":  {"%s · nothing planned · n to plan a post", "%s · rien de prévu · n pour prévoir une publication"},
		"calendar.day.empty":         {"Nothing planned this day.", "Rien de prévu ce jour-là."},
		"calendar.footer.open_day":   {"enter opens the week", "entrée ouvre la semaine"},

		// Statuses and recurrences.
		"calendar.status.draft":      {"draft", "brouillon"},
		"calendar.status.scheduled":  {"scheduled", "programmé"},
		"calendar.status.publishing": {"publishing", "en cours"},
		"calendar.status.published":  {"published", "publié"},
		"calendar.status.failed":     {"failed", "échec"},
		"calendar.status.missed":     {"missed", "manqué"},
		"calendar.status.paused":     {"paused (%s)", "en pause (%s)"},
		"calendar.recur.none":        {"no repeat", "pas de répétition"},
		"calendar.recur.weekly":      {"weekly", "chaque semaine"},
		"calendar.recur.monthly":     {"monthly", "chaque mois"},

		// Filters.
		"calendar.filter.all":           {"All clients", "Tous les clients"},
		"calendar.filter.all_clients":   {"All clients", "Tous les clients"},
		"calendar.filter.all_accounts":  {"All accounts", "Tous les comptes"},
		"calendar.filter.client_title":  {"Show the posts of", "Afficher les publications de"},
		"calendar.filter.account_title": {"Show the posts of the account", "Afficher les publications du compte"},

		// Keys.
		"calendar.keyname.enter":     {"enter", "entrée"},
		"calendar.keyname.esc":       {"esc", "échap"},
		"calendar.key.up":            {"up", "monter"},
		"calendar.key.down":          {"down", "descendre"},
		"calendar.key.left":          {"previous day", "jour précédent"},
		"calendar.key.right":         {"next day", "jour suivant"},
		"calendar.key.pageup":        {"page up", "page préc."},
		"calendar.key.pagedown":      {"page down", "page suiv."},
		"calendar.key.top":           {"first", "début"},
		"calendar.key.bottom":        {"last", "fin"},
		"calendar.key.week":          {"week", "semaine"},
		"calendar.key.month":         {"month", "mois"},
		"calendar.key.agenda":        {"agenda", "agenda"},
		"calendar.key.today":         {"today", "aujourd'hui"},
		"calendar.key.prev":          {"previous period", "période préc."},
		"calendar.key.next":          {"next period", "période suiv."},
		"calendar.key.new":           {"new post", "nouvelle publication"},
		"calendar.key.edit":          {"edit", "modifier"},
		"calendar.key.delete":        {"delete", "supprimer"},
		"calendar.key.duplicate":     {"duplicate", "dupliquer"},
		"calendar.key.copy":          {"copy link (or text)", "copier le lien (ou le texte)"},
		"calendar.key.open_link":     {"open link", "ouvrir le lien"},
		"calendar.key.publish":       {"publish now", "publier maintenant"},
		"calendar.key.retry":         {"retry", "réessayer"},
		"calendar.key.open":          {"details", "détails"},
		"calendar.key.close":         {"close", "fermer"},
		"calendar.key.move_later":    {"1 hour later", "1 h plus tard"},
		"calendar.key.move_earlier":  {"1 hour earlier", "1 h plus tôt"},
		"calendar.key.move_next_day": {"1 day later", "1 jour plus tard"},
		"calendar.key.move_prev_day": {"1 day earlier", "1 jour plus tôt"},
		"calendar.key.client":        {"client", "client"},
		"calendar.key.account":       {"account", "compte"},
		"calendar.key.draw":          {"contest draw", "tirage au sort"},

		// The contest draw (":draw N SEED [WORD]" on a published post).
		"calendar.draw.usage":         {":draw %s — write :draw N SEED [WORD]: N winners, a public SEED drawn after the deadline, and a word every entry must contain (optional).", ":draw %s — écrivez :draw N GRAINE [MOT] : N gagnants, une GRAINE publique tirée après la clôture, et un mot que chaque participation doit contenir (facultatif)."},
		"calendar.draw.bad_n":         {":draw %s — N is how many winners: a whole number, 1 or more.", ":draw %s — N est le nombre de gagnants : un nombre entier, 1 ou plus."},
		"calendar.draw.no_post":       {"Draw: select the contest post first (week or agenda view).", "Tirage : sélectionnez d'abord la publication du concours (vue semaine ou agenda)."},
		"calendar.draw.not_published": {"Draw: this post is not published, so it has no comments.", "Tirage : cette publication n'est pas publiée, elle n'a donc aucun commentaire."},
		"calendar.draw.no_entrants":   {"Draw: %d comment(s) cached, none qualifies (sync first, or check the word).", "Tirage : %d commentaire(s) en cache, aucun ne participe (synchronisez, ou vérifiez le mot)."},
		"calendar.draw.failed":        {"Draw failed: %v", "Le tirage a échoué : %v"},
		"calendar.draw.running":       {"Drawing…", "Tirage en cours…"},
		"calendar.draw.written":       {"Draw written to %s", "Tirage écrit dans %s"},
		"calendar.draw.title":         {"Contest draw", "Tirage au sort"},
		"calendar.draw.summary":       {"%d entrant(s), seed “%s”. Winners, in the order drawn:", "%d participant(s), graine « %s ». Gagnants, dans l'ordre du tirage :"},
		"calendar.draw.file":          {"Written, with everything needed to redo it, to:", "Écrit, avec tout ce qu'il faut pour le refaire, dans :"},

		// Notices.
		"calendar.notice.no_post":   {"No post here: move onto one, or press n to plan one.", "Aucune publication ici : placez-vous sur l'une d'elles, ou appuyez sur n pour en prévoir une."},
		"calendar.notice.read_only": {"Read-only session: the calendar cannot be changed.", "Session en lecture seule : le calendrier ne peut pas être modifié."},
		"calendar.notice.parked":    {"Post kept aside: n brings it back.", "Publication mise de côté : n la fait revenir."},

		// Dialogs.
		"calendar.confirm.post":           {"On %s: “%s”", "Sur %s : « %s »"},
		"calendar.confirm.delete.title":   {"Delete this post?", "Supprimer cette publication ?"},
		"calendar.confirm.delete.body":    {"It leaves the calendar and will not be published.", "Elle quitte le calendrier et ne sera pas publiée."},
		"calendar.confirm.delete.series":  {"It repeats: deleting it ends the series.", "Elle se répète : la supprimer arrête la série."},
		"calendar.confirm.publish.title":  {"Publish this post now?", "Publier cette publication maintenant ?"},
		"calendar.confirm.publish.body":   {"It goes out within seconds, whatever its planned time.", "Elle part dans quelques secondes, quelle que soit l'heure prévue."},
		"calendar.details.also":           {"Also planned for %s", "Prévue aussi pour %s"},
		"calendar.details.reason":         {"Why: %s", "Raison : %s"},
		"calendar.details.attempts.one":   {"%d attempt", "%d tentative"},
		"calendar.details.attempts.other": {"%d attempts", "%d tentatives"},
		"calendar.details.published_by":   {"published by %s", "publiée par %s"},
		"calendar.details.paused":         {"paused: its client is in crisis mode; it keeps its time until :crisis off", "en pause : son client est en mode crise ; elle garde son heure jusqu'à :crisis off"},
		"calendar.details.held":           {"held by %s: it goes out even if cmdeck is off", "confiée à %s : elle part même si cmdeck est éteint"},
		"calendar.details.syncing":        {"change on its way to the network", "modification en route vers le réseau"},
		"calendar.details.recur":          {"repeats: %s", "répétition : %s"},
		"calendar.details.link":           {"Link:", "Lien :"},
		"calendar.details.media":          {"Attachments: %s", "Pièces jointes : %s"},
		"calendar.details.no_time":        {"no time yet", "sans date"},

		// What the writes did.
		"calendar.done.draft.one":     {"Saved as a draft for %d account (no time yet).", "Brouillon enregistré pour %d compte (sans date)."},
		"calendar.done.draft.other":   {"Saved as a draft for %d accounts (no time yet).", "Brouillon enregistré pour %d comptes (sans date)."},
		"calendar.done.scheduled":     {"Scheduled for %s on %s.", "Programmé pour %s sur %s."},
		"calendar.done.updated":       {"Post updated, going out %s.", "Publication modifiée, elle part %s."},
		"calendar.done.updated_draft": {"Post updated, back to draft.", "Publication modifiée, de nouveau en brouillon."},
		"calendar.done.move":          {"Moved to %s.", "Déplacée à %s."},
		"calendar.done.delete":        {"Post deleted.", "Publication supprimée."},
		"calendar.done.duplicate":     {"Duplicated as a draft with no time: e to plan it.", "Dupliquée en brouillon sans date : e pour la programmer."},
		"calendar.done.publish":       {"Publishing now: it goes out within seconds.", "Publication immédiate : elle part dans quelques secondes."},
		"calendar.done.retry":         {"Queued again: it goes out now.", "Remise en file : elle part maintenant."},

		// Why they failed.
		"calendar.err.busy":       {"This post is being published or already is: it can no longer change.", "Cette publication part ou est déjà partie : elle ne peut plus changer."},
		"calendar.err.state":      {"This post cannot do that in its current state.", "Cette publication ne le permet pas dans son état actuel."},
		"calendar.err.gone":       {"This post no longer exists.", "Cette publication n'existe plus."},
		"calendar.err.no_time":    {"This draft has no time yet: e to give it one.", "Ce brouillon n'a pas encore de date : e pour lui en donner une."},
		"calendar.err.not_failed": {"Only a failed or missed post can be retried.", "Seule une publication en échec ou manquée peut être réessayée."},
		"calendar.err.create":     {"Could not save the post: %s", "Impossible d'enregistrer la publication : %s"},
		"calendar.err.update":     {"Could not change the post: %s", "Impossible de modifier la publication : %s"},
		"calendar.err.move":       {"Could not move the post: %s", "Impossible de déplacer la publication : %s"},
		"calendar.err.delete":     {"Could not delete the post: %s", "Impossible de supprimer la publication : %s"},
		"calendar.err.duplicate":  {"Could not duplicate the post: %s", "Impossible de dupliquer la publication : %s"},
		"calendar.err.publish":    {"Could not publish the post now: %s", "Impossible de publier maintenant : %s"},
		"calendar.err.retry":      {"Could not retry the post: %s", "Impossible de réessayer la publication : %s"},
	}
	for k, v := range composerMsgs() {
		m[k] = v
	}
	return m
}

// composerMsgs are the post composer's messages (tui/postcompose).
func composerMsgs() map[string]Msg {
	return map[string]Msg{
		"calendar.compose.title.new":   {"New post", "Nouvelle publication"},
		"calendar.compose.title.edit":  {"Edit post", "Modifier la publication"},
		"calendar.compose.placeholder": {"Write your post…", "Écrivez votre publication…"},
		"calendar.compose.saving":      {"Saving…", "Enregistrement…"},

		"calendar.compose.label.accounts": {"Accounts", "Comptes"},
		"calendar.compose.label.when":     {"When", "Quand"},
		"calendar.compose.label.repeat":   {"Repeat", "Répéter"},
		"calendar.compose.label.media":    {"Media", "Médias"},
		"calendar.compose.label.preview":  {"Preview", "Aperçu"},

		"calendar.compose.accounts.none":  {"none ticked: tab here, space to tick", "aucun coché : tab jusqu'ici, espace pour cocher"},
		"calendar.compose.accounts.empty": {"No account in this workspace.", "Aucun compte dans cet espace."},

		"calendar.compose.when.placeholder": {"tomorrow 9:00, fri 18h, 2026-12-01 08:30", "demain 9h, ven 18h, 2026-12-01 08:30"},
		"calendar.compose.when.hint":        {"empty: ctrl+s saves a draft · ctrl+n next free slot", "vide : ctrl+s enregistre un brouillon · ctrl+n prochain créneau libre"},
		"calendar.compose.when.at":          {"%s %d, %s", "%s %d, %s"},
		"calendar.compose.repeat.weekly":    {"every %s at %s", "chaque %s à %s"},
		"calendar.compose.repeat.monthly":   {"on day %d of every month at %s", "le %d de chaque mois à %s"},

		"calendar.compose.media.placeholder": {"path of a picture or video, then enter", "chemin d'une image ou vidéo, puis entrée"},
		"calendar.compose.media.checking":    {"Checking %s…", "Vérification de %s…"},
		"calendar.compose.media.added":       {"Attached %s (%s, %s).", "%s jointe (%s, %s)."},
		"calendar.compose.media.twice":       {"%s is already attached.", "%s est déjà jointe."},
		"calendar.compose.media.missing":     {"%s does not exist.", "%s n'existe pas."},
		"calendar.compose.media.not_file":    {"%s is not a file.", "%s n'est pas un fichier."},
		"calendar.compose.media.empty":       {"%s is empty.", "%s est vide."},
		"calendar.compose.media.unreadable":  {"%s cannot be read: %v", "%s ne peut pas être lu : %v"},
		"calendar.compose.media.none":        {"%s takes no attachments.", "%s n'accepte pas de pièce jointe."},
		"calendar.compose.media.too_big":     {"%s is %s: %s takes %s at most.", "%s fait %s : %s accepte %s au plus."},
		"calendar.compose.media.bad_type":    {"%s is %s, which %s does not take.", "%s est de type %s, que %s n'accepte pas."},
		"calendar.compose.media.nothing":     {"none", "aucun"},

		"calendar.compose.count":          {"%d", "%d"},
		"calendar.compose.count.limit":    {"%d/%d", "%d/%d"},
		"calendar.compose.over.one":       {"%d character too many", "%d caractère de trop"},
		"calendar.compose.over.other":     {"%d characters too many", "%d caractères de trop"},
		"calendar.compose.preview.hint":   {"tick an account to see its count and preview", "cochez un compte pour voir son compteur et son aperçu"},
		"calendar.compose.preview.length": {"length", "longueur"},
		"calendar.compose.preview.empty":  {"(nothing written yet)", "(rien d'écrit pour l'instant)"},
		"calendar.compose.preview.cut":    {"%s: the marked part does not fit.", "%s : la partie marquée ne passe pas."},

		"calendar.compose.slot.no_account": {"Tick an account first: the free slot is of its queue.", "Cochez d'abord un compte : le créneau libre est celui de sa file."},
		"calendar.compose.slot.none":       {"%s has no queue slots (calendar slots in the config).", "%s n'a pas de créneaux (créneaux du calendrier dans la config)."},
		"calendar.compose.slot.searching":  {"Looking for the next free slot…", "Recherche du prochain créneau libre…"},
		"calendar.compose.slot.found":      {"Next free slot: %s.", "Prochain créneau libre : %s."},
		"calendar.compose.slot.no_common":  {"No slot free in every queue within two months.", "Aucun créneau libre dans toutes les files d'ici deux mois."},
		"calendar.compose.slot.error":      {"Could not read the queue: %v", "Impossible de lire la file : %v"},

		"calendar.compose.refused.read_only":  {"Read-only session: nothing can be planned.", "Session en lecture seule : rien ne peut être prévu."},
		"calendar.compose.refused.empty":      {"Write something or attach a file.", "Écrivez quelque chose ou joignez un fichier."},
		"calendar.compose.refused.no_account": {"Tick at least one account.", "Cochez au moins un compte."},
		"calendar.compose.refused.checking":   {"An attachment is still being checked.", "Une pièce jointe est encore en vérification."},
		"calendar.compose.refused.over":       {"Too long for %s: %s.", "Trop long pour %s : %s."},
		"calendar.compose.refused.no_time":    {"Type when it goes out (or ctrl+n for the next free slot; ctrl+s saves a draft).", "Indiquez quand elle part (ou ctrl+n pour le prochain créneau ; ctrl+s enregistre un brouillon)."},

		"calendar.compose.editor.help":    {"Write the post above. Lines starting with # are dropped; an empty text changes nothing.", "Écrivez la publication ci-dessus. Les lignes commençant par # sont ignorées ; un texte vide ne change rien."},
		"calendar.compose.editor.aborted": {"Nothing written in the editor: the text is unchanged.", "Rien d'écrit dans l'éditeur : le texte est inchangé."},

		"calendar.compose.key.next":      {"next field", "champ suivant"},
		"calendar.compose.key.prev":      {"previous field", "champ précédent"},
		"calendar.compose.key.schedule":  {"schedule", "programmer"},
		"calendar.compose.key.draft":     {"save draft", "brouillon"},
		"calendar.compose.key.editor":    {"editor", "éditeur"},
		"calendar.compose.key.slot":      {"next free slot", "prochain créneau"},
		"calendar.compose.key.close":     {"close", "fermer"},
		"calendar.compose.key.toggle":    {"tick", "cocher"},
		"calendar.compose.key.cycle":     {"change", "changer"},
		"calendar.compose.key.up":        {"up", "monter"},
		"calendar.compose.key.down":      {"move", "déplacer"},
		"calendar.compose.key.add_file":  {"attach", "joindre"},
		"calendar.compose.key.drop_file": {"remove last", "retirer la dernière"},
	}
}
