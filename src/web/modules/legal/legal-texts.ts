/**
 * The texts Préau's legal pages cite, at their Légifrance address. The arrêté of 30 November 2006
 * (the ENT processing) asks, in its article 8, to be readable by every user from the home page: the
 * footer of every page leads to « Données personnelles », which links it.
 */
export const ARRETE_ENT_2006_URL = 'https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000460402'
