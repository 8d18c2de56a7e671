import { index, route, type RouteConfig } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("logg-inn", "routes/login.tsx"),
  route("logg-ut", "routes/logout.tsx"),
  route("admin/enheter", "routes/admin.units.tsx"),
  route("admin/enheter/ny", "routes/admin.units.new.tsx"),
  route("admin/enheter/:unitId", "routes/admin.units.edit.tsx"),
  route("admin/brukere", "routes/admin.users.tsx"),
  route("admin/brukere/ny", "routes/admin.users.new.tsx"),
  route("admin/brukere/:userId", "routes/admin.users.edit.tsx"),
  route("admin/innstillinger", "routes/admin.settings.tsx"),
  route("min-side", "routes/profile.tsx"),
  route("api-dokumentasjon", "routes/api-docs.tsx"),
  route("veileder", "routes/guide.tsx"),
  route("veileder/ordliste", "routes/guide.glossary.tsx"),
  route("veileder/rutiner", "routes/guide.routines.tsx"),
  route("veileder/verktoy", "routes/guide.tools.tsx"),
  route("veileder/:slug", "routes/guide.page.tsx"),
  route("bekymring", "routes/worry.tsx"),
  route("bekymring/meld-na", "routes/worry.report-now.tsx"),
  route("mine-bekymringer", "routes/worry.mine.tsx"),
  route("mine-bekymringer/:noteId", "routes/worry.note.tsx"),
  route("admin/tjenester", "routes/admin.directory.tsx"),
  route("admin/tjenester/ny", "routes/admin.directory.new.tsx"),
  route("admin/tjenester/:entryId", "routes/admin.directory.edit.tsx"),
  route("hvem-kan-hjelpe", "routes/directory.tsx"),
  route("hvem-kan-hjelpe/:entryId", "routes/directory.entry.tsx"),
  route("foresatte", "routes/guardians.tsx"),
  route("foresatte/:slug", "routes/guardians.page.tsx"),
  route("ung", "routes/youth.tsx"),
  route("ung/:slug", "routes/youth.page.tsx"),
  route("sok", "routes/search.tsx"),
  route("tilbakemelding", "routes/feedback.tsx"),
  route("admin/tilbakemeldinger", "routes/admin.feedback.tsx"),
  route("admin/tilbakemeldinger/:feedbackId", "routes/admin.feedback.item.tsx"),
  route("admin/innhold", "routes/admin.content.tsx"),
  route("admin/innhold/:pageId", "routes/admin.content.edit.tsx"),
  route("admin/innhold/:pageId/historikk", "routes/admin.content.history.tsx"),
  route("hva-er-nytt", "routes/whats-new.tsx"),
  // The handover inbox: a static segment, before every /stafettlogger/:logId route.
  route("stafettlogger/stafetter", "routes/relay-log.handover.inbox.tsx"),
  route("stafettlogger/:logId/avslutt", "routes/relay-log.close.tsx"),
  route("stafettlogger/:logId/arkiv.pdf", "routes/relay-log.archive-pdf.ts"),
  // The paper fallback: a print of the log and a blank consent form (relay-log.print-pdf).
  route("stafettlogger/:logId/utskrift.pdf", "routes/relay-log.print-pdf.ts", {
    id: "relay-log-print-pdf",
  }),
  route("stafettlogger/:logId/samtykkeskjema.pdf", "routes/relay-log.print-pdf.ts", {
    id: "relay-log-blank-consent-form",
  }),
  route("stafettlogger/:logId/plan", "routes/relay-log.plan.tsx"),
  route("stafettlogger/:logId/evaluering", "routes/relay-log.evaluations.tsx"),
  route("stafettlogger/:logId/notater", "routes/relay-log.entries.tsx"),
  route("stafettlogger/:logId/notater/:entryId", "routes/relay-log.entry.tsx"),
  // Anonymous case discussion, barn som pårørende, bekymringsmelding (relay-log.cases.*).
  route("stafettlogger/ny-drofting", "routes/relay-log.cases.anonymous-new.tsx"),
  route("stafettlogger/:logId/konverter", "routes/relay-log.cases.convert.tsx"),
  route("stafettlogger/:logId/bekymringsmelding", "routes/relay-log.cases.child-welfare-log.tsx"),
  route("bekymringsmelding", "routes/relay-log.cases.child-welfare.tsx"),
  route("bekymringsmelding/pdf", "routes/relay-log.cases.child-welfare-pdf.ts"),
  route(
    "bekymringsmelding/kvittering/:reportId",
    "routes/relay-log.cases.child-welfare-receipt.tsx",
  ),
  route("barn-som-parorende", "routes/relay-log.cases.next-of-kin.tsx"),
  route("barn-som-parorende/ny", "routes/relay-log.cases.next-of-kin-new.tsx"),
  route("barn-som-parorende/:caseId", "routes/relay-log.cases.next-of-kin-case.tsx"),
  // Meetings and the relay holder handover (relay-log.meetings.*, relay-log.handover*).
  route("stafettlogger/:logId/moter", "routes/relay-log.meetings.tsx"),
  route("stafettlogger/:logId/moter/:meetingId", "routes/relay-log.meetings.item.tsx"),
  route("stafettlogger/:logId/moter/:meetingId/invitasjon.ics", "routes/relay-log.meetings.ics.ts"),
  route("stafettlogger/:logId/stafett", "routes/relay-log.handover.tsx"),
  route("varsler", "routes/notifications.tsx"),
  route("stafettlogger/:logId/samtykke", "routes/relay-log.consent.tsx"),
  route("stafettlogger/:logId/samtykke/:consentId/skjema", "routes/relay-log.consent-form.ts"),
  route("stafettlogger/:logId/deltakere", "routes/relay-log.participants.tsx"),
  route("stafettlogger/:logId/tilgangslogg", "routes/relay-log.trail.tsx"),
  // Opening a log, my logs and a log's overview (relay-log.list/new/overview).
  route("stafettlogger", "routes/relay-log.list.tsx"),
  route("stafettlogger/ny", "routes/relay-log.new.tsx"),
  route("stafettlogger/:logId", "routes/relay-log.overview.tsx"),
  // The family's pages, for guardians and young people (family.*): static segments first.
  // (family routes: add here)
  // The family's rights: access trail, my data, export (family.trail/data/export).
  route("familie/:logId/innsyn", "routes/family.trail.tsx"),
  route("familie/:logId/mine-data", "routes/family.data.tsx"),
  route("familie/:logId/eksport.json", "routes/family.export.ts", { id: "family-export-json" }),
  route("familie/:logId/eksport.pdf", "routes/family.export.ts", { id: "family-export-pdf" }),
  route("familie", "routes/family.tsx"),
  route("familie/:logId/samtykke", "routes/family.consent.tsx"),
  route("familie/:logId", "routes/family.log.tsx"),
  // The implementation module (issue 6). Each area adds its routes inside its own block, static
  // segments before parameters.
  // (implementation units, overview and onboarding: add here)
  route("implementering", "routes/implementation.overview.tsx"),
  route("implementering/enheter.csv", "routes/implementation.units.csv.ts"),
  route("implementering/enheter/:unitId", "routes/implementation.units.item.tsx"),
  route("implementering/nyansatte", "routes/implementation.onboarding.tsx"),
  route("implementering/nyansatte/sjekkliste", "routes/implementation.onboarding.checklist.tsx"),
  route("implementering/nyansatte/:onboardingId", "routes/implementation.onboarding.item.tsx"),
  route("opplaering/min-sjekkliste", "routes/onboarding.mine.tsx"),
  // (implementation plan, core components, responsibilities and risks: add here)
  route("implementering/plan", "routes/implementation.plan.tsx"),
  route("implementering/plan/ny", "routes/implementation.plan.new.tsx"),
  route("implementering/plan/:milestoneId", "routes/implementation.plan.edit.tsx"),
  route("implementering/kjernekomponenter", "routes/implementation.components.tsx"),
  route("implementering/kjernekomponenter/ny", "routes/implementation.components.new.tsx"),
  route(
    "implementering/kjernekomponenter/dosering/ny",
    "routes/implementation.components.dosing-new.tsx",
  ),
  route(
    "implementering/kjernekomponenter/dosering/:periodId",
    "routes/implementation.components.dosing-edit.tsx",
  ),
  route(
    "implementering/kjernekomponenter/:componentId",
    "routes/implementation.components.edit.tsx",
  ),
  route("implementering/ansvar", "routes/implementation.responsibilities.tsx"),
  route("implementering/ansvar/ny", "routes/implementation.responsibilities.new.tsx"),
  route(
    "implementering/ansvar/:responsibilityId",
    "routes/implementation.responsibilities.edit.tsx",
  ),
  route("implementering/risiko", "routes/implementation.risks.tsx"),
  route("implementering/risiko/ny", "routes/implementation.risks.new.tsx"),
  route("implementering/risiko/:riskId", "routes/implementation.risks.edit.tsx"),
  // (implementation networks: add here)
  route("implementering/nettverk", "routes/implementation.networks.tsx"),
  route("implementering/nettverk/ny", "routes/implementation.networks.form.tsx", {
    id: "implementation-networks-new",
  }),
  route("implementering/nettverk/:networkId", "routes/implementation.networks.network.tsx"),
  route("implementering/nettverk/:networkId/endre", "routes/implementation.networks.form.tsx", {
    id: "implementation-networks-edit",
  }),
  route(
    "implementering/nettverk/:networkId/moter/:meetingId",
    "routes/implementation.networks.meeting.tsx",
  ),
  // (implementation training and competence portal: add here)
  route("implementering/opplaering", "routes/implementation.training.tsx"),
  route("implementering/opplaering/ny", "routes/implementation.training.new.tsx"),
  route("implementering/opplaering/:eventId", "routes/implementation.training.event.tsx"),
  route(
    "implementering/opplaering/:eventId/pameldte.csv",
    "routes/implementation.training.export.ts",
  ),
  route("implementering/kompetanse", "routes/implementation.competence.tsx"),
  route("implementering/kompetanse/ny", "routes/implementation.competence.new.tsx"),
  route("implementering/kompetanse/:materialId", "routes/implementation.competence.edit.tsx"),
  route("opplaering", "routes/training.tsx"),
  route("opplaering/:eventId", "routes/training.event.tsx"),
  route("kompetanse", "routes/competence.tsx"),
  route("kompetanse/:materialId", "routes/competence.material.tsx"),
  route("kompetanse/:materialId/fil", "routes/competence.file.ts"),
  // (evaluation hub, reports and the feedback revision report: add here)
  route("evaluering", "routes/evaluation.tsx"),
  route("evaluering/rapporter", "routes/evaluation.reports.tsx"),
  route("evaluering/rapporter/ny", "routes/evaluation.reports.new.tsx"),
  route("evaluering/rapporter/:reportId", "routes/evaluation.reports.report.tsx"),
  route("evaluering/rapporter/:reportId/endre", "routes/evaluation.reports.edit.tsx"),
  route("evaluering/rapporter/:reportId/pdf", "routes/evaluation.report-pdf.ts"),
  // (evaluation surveys, building, sending and answering: add here)
  route("evaluering/undersokelser", "routes/evaluation.surveys.tsx"),
  route("evaluering/undersokelser/ny", "routes/evaluation.surveys.new.tsx"),
  route("evaluering/undersokelser/:surveyId", "routes/evaluation.surveys.survey.tsx"),
  route("undersokelser", "routes/surveys.tsx"),
  route("undersokelser/:surveyId", "routes/surveys.answer.tsx"),
  // A link survey, answered without logging in.
  route("undersokelse/:token", "routes/surveys.link.tsx"),
  // (evaluation survey results: add here)
  route(
    "evaluering/undersokelser/:surveyId/resultater.csv",
    "routes/evaluation.survey-results.csv.ts",
  ),
  route("evaluering/undersokelser/:surveyId/resultater", "routes/evaluation.survey-results.tsx"),
  // (evaluation indicators and the invisible children estimate: add here)
  route("evaluering/indikatorer", "routes/evaluation.indicators.tsx"),
  route("evaluering/usynlige-barn", "routes/evaluation.invisible-children.tsx"),
  route(
    "evaluering/usynlige-barn/befolkning",
    "routes/evaluation.invisible-children.population.tsx",
  ),
  route(
    "evaluering/usynlige-barn/forekomst",
    "routes/evaluation.invisible-children.prevalence.tsx",
  ),
  // The municipality's organisation of the model (issue 8). Each area adds its routes inside its
  // own block, static segments before parameters.
  // (organisation hub and project groups: add here)
  route("organisering", "routes/organisation.tsx"),
  route("organisering/vedtak", "routes/organisation.decisions.tsx"),
  route("organisering/grupper", "routes/organisation.groups.tsx"),
  route("organisering/grupper/ny", "routes/organisation.groups.form.tsx", {
    id: "organisation-groups-new",
  }),
  route("organisering/grupper/:groupId", "routes/organisation.groups.group.tsx"),
  route("organisering/grupper/:groupId/endre", "routes/organisation.groups.form.tsx", {
    id: "organisation-groups-edit",
  }),
  route(
    "organisering/grupper/:groupId/vedtak/:decisionId",
    "routes/organisation.groups.decision.tsx",
  ),
  // (organisation collaboration arenas: add here)
  route("organisering/arenaer", "routes/organisation.arenas.tsx"),
  route("organisering/arenaer/ny", "routes/organisation.arenas.form.tsx", {
    id: "organisation-arenas-new",
  }),
  route("organisering/arenaer/gjennomgang", "routes/organisation.arenas.reviews.tsx"),
  route("organisering/arenaer/overlapp", "routes/organisation.arenas.overlaps.tsx"),
  route("organisering/arenaer/:arenaId", "routes/organisation.arenas.arena.tsx"),
  route("organisering/arenaer/:arenaId/endre", "routes/organisation.arenas.form.tsx", {
    id: "organisation-arenas-edit",
  }),
  route("organisering/arenaer/:arenaId/gjennomgang", "routes/organisation.arenas.review.tsx"),
  // (organisation anchoring: add here)
  route("organisering/forankring", "routes/organisation.anchoring.tsx"),
  route("organisering/forankring/ny", "routes/organisation.anchoring.new.tsx"),
  route("organisering/forankring/tidslinje", "routes/organisation.anchoring.timeline.tsx"),
  route("organisering/forankring/:activityId", "routes/organisation.anchoring.edit.tsx"),
  // (organisation grants and budget: add here)
  route("organisering/tilskudd", "routes/organisation.grants.tsx"),
  route("organisering/tilskudd/ny", "routes/organisation.grants.form.tsx", {
    id: "organisation-grants-new",
  }),
  route("organisering/tilskudd/:grantId", "routes/organisation.grants.grant.tsx"),
  route("organisering/tilskudd/:grantId/endre", "routes/organisation.grants.form.tsx", {
    id: "organisation-grants-edit",
  }),
  route("organisering/tilskudd/:grantId/rapport", "routes/organisation.grants.report.tsx"),
  route("organisering/tilskudd/:grantId/rapport.pdf", "routes/organisation.grants.report-pdf.ts"),
  route("organisering/tilskudd/:grantId/budsjett/ny", "routes/organisation.grants.line-form.tsx", {
    id: "organisation-grants-line-new",
  }),
  route("organisering/tilskudd/:grantId/budsjett/:lineId", "routes/organisation.grants.line.tsx"),
  route(
    "organisering/tilskudd/:grantId/budsjett/:lineId/endre",
    "routes/organisation.grants.line-form.tsx",
    { id: "organisation-grants-line-edit" },
  ),
  route("organisering/tilskudd/:grantId/frister/ny", "routes/organisation.grants.deadline.tsx", {
    id: "organisation-grants-deadline-new",
  }),
  route(
    "organisering/tilskudd/:grantId/frister/:deadlineId",
    "routes/organisation.grants.deadline.tsx",
    { id: "organisation-grants-deadline-edit" },
  ),
  // (organisation printed material: add here)
  route("organisering/trykksaker", "routes/organisation.printed.tsx"),
  route("organisering/trykksaker/plakat-a3.pdf", "routes/organisation.printed-pdf.ts", {
    id: "organisation-printed-poster",
  }),
  route("organisering/trykksaker/folder-ansatte.pdf", "routes/organisation.printed-pdf.ts", {
    id: "organisation-printed-staff-leaflet",
  }),
  route("organisering/trykksaker/folder-foresatte.pdf", "routes/organisation.printed-pdf.ts", {
    id: "organisation-printed-guardian-leaflet",
  }),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
