import type { SubscribeText } from './words.js';

/** Canadian French, as the city's services write it: texto, courriel, cellulaire. */
export const subscribeTextFr: SubscribeText = {
  errorTitlePrefix: 'Erreur : ',
  errorHidden: 'Erreur :',
  errorSummaryTitle: 'Il y a un problème',
  successTitle: 'Confirmation',
  signUp: {
    title: 'Recevoir les alertes par texto ou par courriel',
    intro:
      'Nous envoyons des alertes sur les urgences et les incidents policiers dans les secteurs que vous choisissez. Vous pouvez les modifier ou les arrêter en tout temps.',
    channelLegend: 'Comment voulez-vous recevoir les alertes?',
    sms: 'Texto',
    email: 'Courriel',
    phoneLabel: 'Numéro de cellulaire',
    phoneHint: 'Par exemple, 416 555 0199. Nous vous enverrons un code par texto pour le vérifier.',
    emailLabel: 'Adresse courriel',
    emailHint: 'Nous vous enverrons un courriel de confirmation pour chaque secteur choisi.',
    areasLegend: 'Quels secteurs?',
    areasHint: (maxAreas) =>
      `Choisissez jusqu’à ${maxAreas} divisions, ou toute la ville. Vous recevez aussi les alertes qui visent toute la ville : une fois par division choisie.`,
    citywide: 'Toute la ville',
    or: 'ou',
    languageLegend: 'Dans quelle langue?',
    submit: 'Continuer',
    privacy:
      'Nous utilisons votre numéro ou votre adresse uniquement pour vous envoyer ces alertes. Cette information est conservée chiffrée, et le personnel policier ne peut pas la consulter.',
  },
  errors: {
    channel: 'Choisissez texto ou courriel',
    phoneMissing: 'Entrez votre numéro de cellulaire',
    phoneInvalid: 'Entrez un numéro de cellulaire qui peut recevoir des textos, comme 416 555 0199',
    emailMissing: 'Entrez votre adresse courriel',
    emailInvalid: 'Entrez une adresse courriel dans le bon format, comme nom@exemple.ca',
    areas: (maxAreas) => `Choisissez toute la ville, ou de 1 à ${maxAreas} divisions`,
    language: 'Choisissez une langue',
    codeMissing: 'Entrez le code reçu par texto',
    codeInvalid: (digits) => `Entrez le code de ${digits} chiffres reçu par texto`,
    codeWrong: 'Ce code n’est pas le bon. Vérifiez le texto et réessayez',
    rateLimited:
      'Il y a eu trop d’inscriptions depuis cette connexion, pour ce numéro ou cette adresse, ou pour des numéros semblables. Réessayez plus tard',
    unavailable: 'Nous ne pouvons pas envoyer le texto pour le moment. Réessayez dans une minute',
    paused:
      'Les inscriptions par texto sont suspendues pour le moment en raison d’une demande inhabituelle. Réessayez plus tard, ou inscrivez-vous par courriel',
    botCheck: 'Vérifiez vos réponses et sélectionnez Continuer de nouveau',
    phoneCountry: (countries) =>
      `Entrez un numéro de cellulaire de ce pays : ${countries}. Nous ne pouvons pas envoyer d’alertes ailleurs`,
  },
  honeypotLabel: 'Laissez ce champ vide',
  code: {
    title: 'Entrez le code que nous vous avons envoyé',
    hint: (digits, minutes) =>
      `Nous vous avons envoyé un code de ${digits} chiffres par texto. Il est valide pendant ${minutes} minutes.`,
    label: 'Code',
    submit: 'Confirmer',
    notReceived: 'Pas de texto après quelques minutes? Vérifiez le numéro et',
    signUpAgain: 'inscrivez-vous de nouveau',
  },
  welcome: {
    smsTitle: 'Votre inscription est confirmée',
    smsBody: 'Les alertes vous parviendront par texto.',
    emailTitle: 'Consultez votre boîte de réception',
    emailBody: (emails) =>
      emails === 1
        ? 'Nous vous avons envoyé un courriel pour confirmer votre adresse. Les alertes commenceront dès que vous aurez sélectionné le lien qu’il contient.'
        : `Nous vous avons envoyé ${emails} courriels pour confirmer votre adresse, un par secteur. Les alertes d’un secteur commenceront dès que vous aurez sélectionné le lien de son courriel.`,
    emailFrom:
      'Les courriels proviennent de « AWS Notifications ». Si vous ne les trouvez pas, vérifiez votre dossier de courrier indésirable.',
    manageHeading: 'Modifier ou arrêter vos alertes',
    manageBody:
      'Ce lien vous permet de changer vos secteurs ou votre langue, ou d’arrêter les alertes. Ajoutez-le à vos favoris ou conservez-le en lieu sûr : toute personne qui l’a peut modifier vos alertes.',
    manageLink: 'Gérer vos alertes',
    stopByText: 'Vous pouvez aussi répondre STOP à n’importe lequel de nos textos pour tous les arrêter.',
  },
  manage: {
    title: 'Vos alertes',
    saved: 'Vos modifications sont enregistrées. Elles prennent effet d’ici une minute.',
    sentBy: 'Envoyées par',
    bySms: (masked) => `Texto au ${masked}`,
    byEmail: (masked) => `Courriel à ${masked}`,
    areas: 'Secteurs',
    language: 'Langue',
    optedOut:
      'Ces alertes sont arrêtées parce que ce numéro a répondu STOP. Pour recevoir de nouveau des alertes, inscrivez-vous de nouveau.',
    changeHeading: 'Modifier vos alertes',
    emailChangeHint: 'Pour chaque nouveau secteur, nous vous enverrons un courriel de confirmation.',
    save: 'Enregistrer les modifications',
    stopHeading: 'Arrêter vos alertes',
    stopLink: 'Arrêter toutes les alertes',
  },
  unsubscribe: {
    title: 'Voulez-vous vraiment arrêter toutes les alertes?',
    body: (masked) =>
      `Nous n’enverrons plus d’alertes à ${masked}. Pour les recevoir de nouveau, il faudra vous réinscrire.`,
    confirm: 'Oui, arrêter toutes les alertes',
    cancel: 'Non, garder mes alertes',
    doneTitle: 'Vos alertes sont arrêtées',
    doneBody:
      'Nous ne vous enverrons plus d’alertes. Celles déjà en cours d’envoi peuvent encore arriver pendant une minute.',
    signUpAgain: 'S’inscrire de nouveau',
  },
  problems: {
    400: {
      title: 'Le formulaire comporte un problème',
      body: 'Nous n’avons pas pu lire le formulaire envoyé; rien n’a été modifié. Rechargez le formulaire et réessayez.',
    },
    403: {
      title: 'Ce formulaire a expiré',
      body: 'Pour votre sécurité, nous n’avons pas pu vérifier ce formulaire; rien n’a été modifié. Rechargez le formulaire et envoyez-le de nouveau.',
    },
    404: {
      title: 'Page introuvable',
      body: 'Si vous avez suivi un lien pour gérer vos alertes, celles-ci ont peut-être été arrêtées, ou remplacées par une inscription plus récente du même numéro. Vous pouvez vous inscrire de nouveau.',
    },
    409: {
      title: 'Impossible pour le moment',
      body: 'L’inscription est déjà confirmée, ou l’abonnement a changé ou n’est plus actif. Ouvrez votre lien de gestion des alertes pour voir où elles en sont, ou inscrivez-vous de nouveau.',
    },
    410: {
      title: 'Le code a expiré',
      body: 'Les codes ne sont valides que peu de temps. Inscrivez-vous de nouveau pour recevoir un nouveau code.',
    },
    413: {
      title: 'Le formulaire comporte un problème',
      body: 'Le formulaire envoyé était trop volumineux; rien n’a été modifié. Rechargez le formulaire et réessayez.',
    },
    415: {
      title: 'Le formulaire comporte un problème',
      body: 'Nous n’avons pas pu lire le formulaire envoyé; rien n’a été modifié. Rechargez le formulaire et réessayez.',
    },
    429: {
      title: 'Trop de tentatives',
      body: 'Trop de codes erronés ont été entrés pour cette inscription. Inscrivez-vous de nouveau pour recevoir un nouveau code.',
    },
    500: {
      title: 'Désolés, le service éprouve un problème',
      body: 'Réessayez plus tard.',
    },
  },
  reloadForm: 'Recharger le formulaire',
  signUpLink: 'S’inscrire aux alertes',
  home: 'Toutes les alertes',
};
