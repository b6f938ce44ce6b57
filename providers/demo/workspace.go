package demo

import "cmdeck/core"

// Template domains: which trade a brand's messages talk about.
const (
	domAny     = "any"
	domGame    = "game"
	domBakery  = "bakery"
	domFitness = "fitness"
	domBank    = "bank"
)

// ProviderName is the registry name of the demo network.
const ProviderName = "demo"

// brands lists the demo clients. It is a function, not a package variable,
// so nothing can mutate the shared workspace.
func brands() []brandProfile {
	return []brandProfile{
		{slug: "pixelforge", name: "PixelForge Studio", color: "#7C3AED", domain: domGame,
			primary: "fr", other: 0.25, currency: "€", minFollowers: 20000, maxFollowers: 120000,
			products: map[string][]string{
				"fr": {"Starveil", "Les Chroniques d'Ambre", "Kart Minuit", "le DLC Abysses", "Hollow Reef", "Starveil : édition complète"},
				"en": {"Starveil", "Amber Chronicles", "Midnight Kart", "the Abyss DLC", "Hollow Reef", "Starveil: Complete Edition"}},
			features: map[string][]string{
				"fr": {"le mode coop", "le multijoueur", "les serveurs EU", "la sauvegarde cloud", "le matchmaking", "le mode photo", "la version Switch", "le crossplay", "les succès Steam"},
				"en": {"co-op mode", "multiplayer", "the EU servers", "cloud saves", "matchmaking", "photo mode", "the Switch version", "crossplay", "Steam achievements"}},
			cities: []string{"Paris", "Montréal", "Lyon", "Bruxelles", "Bordeaux", "Genève", "Lille", "Toulouse"},
			staff:  []string{"Léa", "Yanis", "Inès"}},
		{slug: "fournil", name: "Le Fournil", color: "#D97706", domain: domBakery,
			primary: "fr", other: 0.12, currency: "€", minFollowers: 2000, maxFollowers: 15000,
			products: map[string][]string{
				"fr": {"la baguette tradition", "le pain au levain", "les croissants", "la galette des rois", "le flan pâtissier", "les chouquettes", "le pain aux céréales", "la tarte aux pommes", "les pains au chocolat", "le kouign-amann", "la brioche tressée"},
				"en": {"the sourdough", "the croissants", "the tradition baguette", "the apple tart", "the pains au chocolat", "the custard flan", "the braided brioche"}},
			features: map[string][]string{
				"fr": {"la livraison", "le click & collect", "l'appli de commande", "la carte de fidélité", "le paiement sans contact", "les horaires du dimanche", "la commande en ligne"},
				"en": {"delivery", "click & collect", "the ordering app", "the loyalty card", "contactless payment", "Sunday opening hours", "online ordering"}},
			cities: []string{"Lyon", "Nantes", "Rennes", "Bordeaux", "Lille", "Toulouse", "Grenoble", "Angers", "Dijon", "Tours"},
			staff:  []string{"Margaux", "Antoine"}},
		{slug: "ironpulse", name: "IronPulse Fitness", color: "#DC2626", domain: domFitness,
			primary: "en", other: 0.15, currency: "£", minFollowers: 8000, maxFollowers: 40000,
			products: map[string][]string{
				"en": {"the Pulse membership", "the annual plan", "the HIIT classes", "the spin classes", "the protein bars", "personal training", "the IronPulse app", "the yoga flow class"},
				"fr": {"l'abonnement Pulse", "la formule annuelle", "les cours HIIT", "les cours de spinning", "les barres protéinées", "le coaching perso", "l'appli IronPulse"}},
			features: map[string][]string{
				"en": {"the booking system", "the changing rooms", "the opening hours", "the class timetable", "the direct debit", "the free trial", "the squat racks", "the sauna"},
				"fr": {"la réservation des cours", "les vestiaires", "les horaires", "le planning des cours", "le prélèvement", "l'essai gratuit", "le sauna"}},
			cities: []string{"Manchester", "Leeds", "Bristol", "Brighton", "Glasgow", "Cardiff", "Sheffield", "Liverpool", "Nottingham"},
			staff:  []string{"Sam", "Priya", "Tom"}},
		{slug: "banque-lumen", name: "Banque Lumen", color: "#0EA5E9", domain: domBank,
			primary: "fr", other: 0.1, currency: "€", minFollowers: 5000, maxFollowers: 30000,
			products: map[string][]string{
				"fr": {"le compte Lumen+", "la carte Platine", "le livret Horizon", "le prêt immobilier", "l'appli mobile", "l'offre jeunes", "l'assurance habitation"},
				"en": {"the Lumen+ account", "the Platinum card", "the Horizon savings account", "the mortgage", "the mobile app", "the student offer", "home insurance"}},
			features: map[string][]string{
				"fr": {"la validation des paiements", "le virement instantané", "l'authentification forte", "le service client", "les frais de tenue de compte", "l'opposition sur carte", "le plafond de paiement"},
				"en": {"payment approvals", "instant transfers", "two-factor login", "customer service", "account fees", "card blocking", "the spending limit"}},
			cities: []string{"Paris", "Strasbourg", "Metz", "Nancy", "Reims", "Lyon", "Marseille"},
			staff:  []string{"Claire", "Mehdi"}},
	}
}

// accountSpec places a brand on a network under a handle.
type accountSpec struct{ slug, network, handle, name string }

func accountSpecs() []accountSpec {
	return []accountSpec{
		{"pixelforge", "Chirper", "@pixelforge", "PixelForge"},
		{"pixelforge", "Facegram", "@pixelforge.studio", "PixelForge Studio"},
		{"pixelforge", "ForumPlus", "PixelForge_Staff", "Forum officiel"},
		{"fournil", "Facegram", "@lefournil", "Le Fournil"},
		{"fournil", "Chirper", "@lefournil_fr", "Le Fournil"},
		{"fournil", "ReviewHub", "Le Fournil", "Avis boutiques"},
		{"ironpulse", "Chirper", "@ironpulse", "IronPulse"},
		{"ironpulse", "Facegram", "@ironpulse.gym", "IronPulse Gyms"},
		{"ironpulse", "ReviewHub", "IronPulse Gyms", "Gym reviews"},
		{"banque-lumen", "Chirper", "@banquelumen", "Banque Lumen"},
		{"banque-lumen", "ForumPlus", "Lumen_Conseil", "Communauté Lumen"},
		{"banque-lumen", "ReviewHub", "Banque Lumen", "Avis agences"},
	}
}

// Workspace returns the demo clients and their accounts. IDs are zero: the
// store assigns them (accounts are tied to clients by ClientSlug).
func Workspace() ([]core.Client, []core.Account) {
	bs := brands()
	clients := make([]core.Client, 0, len(bs))
	for _, b := range bs {
		clients = append(clients, core.Client{Slug: b.slug, Name: b.name, Color: b.color})
	}
	specs := accountSpecs()
	accounts := make([]core.Account, 0, len(specs))
	for _, s := range specs {
		accounts = append(accounts, core.Account{
			ClientSlug: s.slug, Provider: ProviderName, Network: s.network,
			Handle: s.handle, Name: s.name,
		})
	}
	return clients, accounts
}
