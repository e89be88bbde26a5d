/**
 * The texts Préau's legal pages cite, at their Légifrance address: the European Legislation Identifier
 * built from the text's NOR (MENT0602397A for this one), which does not depend on Légifrance's internal
 * numbering. The arrêté of 30 November 2006 (the ENT processing) must be readable by every user from the
 * home page: the footer of every page leads to « Données personnelles », which links it.
 */
export const ARRETE_ENT_2006_URL =
  'https://www.legifrance.gouv.fr/eli/arrete/2006/11/30/MENT0602397A/jo/texte'
