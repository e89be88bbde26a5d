import { HttpProblem, notFound } from '../../plugins/errors.ts'

/** The accounts module's answers that several routes share, in French. */
export const userNotFound = () => notFound('Cette personne n’existe pas dans l’école.')
export const classNotFound = () => notFound('Classe introuvable.')

export const accountAlreadyActivated = () =>
  new HttpProblem(
    409,
    'account-activated',
    'Ce compte est déjà activé : pour un élève, réinitialisez son mot de passe ; un adulte choisit un nouveau mot de passe avec « Mot de passe oublié ».',
  )

export const adultsResetByEmail = () =>
  new HttpProblem(
    409,
    'adult-account',
    'Seul le mot de passe d’un élève se réinitialise ici. Un adulte choisit un nouveau mot de passe lui-même avec « Mot de passe oublié » (lien envoyé par e-mail).',
  )

export const administratorAccount = () =>
  new HttpProblem(
    403,
    'administrator-account',
    'Ce compte a un rôle d’administration : seul un administrateur du syndicat peut le modifier.',
  )

export const removedFromSchool = () =>
  new HttpProblem(409, 'removed', 'Cette personne a été retirée de l’école : rétablissez-la d’abord.')
