import type { Migration } from 'kysely';
import * as foundation from './2026-11-23-01-foundation.ts';
import * as sessionsByUser from './2026-11-23-02-sessions-by-user.ts';
import * as meetings from './2026-11-23-03-meetings.ts';
import * as agendaItems from './2026-11-23-04-agenda-items.ts';
import * as attendance from './2026-11-23-05-attendance.ts';
import * as minutesDecisionsActions from './2026-11-23-06-minutes-decisions-actions.ts';
import * as minutesLife from './2026-11-23-07-minutes-life.ts';
import * as declarations from './2026-11-23-08-declarations.ts';
import * as workProgramme from './2026-11-23-09-work-programme.ts';
import * as papersAndPublication from './2026-12-01-01-papers-and-publication.ts';
import * as jobs from './2026-12-01-02-jobs.ts';
import * as voteMajority from './2026-12-01-03-vote-majority.ts';
import * as strategyAndPerformance from './2026-12-02-01-strategy-and-performance.ts';
import * as funding from './2026-12-02-02-funding.ts';
import * as crimeData from './2026-12-02-03-crime-data.ts';
import * as tasking from './2026-12-02-04-tasking.ts';
import * as crimeAreasAndHeldImports from './2026-12-06-01-crime-areas-and-held-imports.ts';
import * as signInThrottling from './2026-12-06-02-sign-in-throttling.ts';
import * as confidentialReads from './2026-12-06-04-confidential-reads.ts';
import * as oneCompleteFilePerForce from './2026-12-06-05-one-complete-file-per-force.ts';
import * as crimeImportDecisions from './2026-12-06-06-crime-import-decisions.ts';
import * as viceChairsInTerms from './2026-12-07-01-vice-chairs-in-terms.ts';
import * as chairRoleFromAppointments from './2026-12-07-02-chair-role-from-appointments.ts';
import * as deferredDecisionsCarried from './2026-12-07-03-deferred-decisions-carried.ts';
import * as lsoaEditions from './2026-12-08-01-lsoa-editions.ts';
import * as crimePeers from './2026-12-08-02-crime-peers.ts';
import * as policeUkIndicators from './2026-12-08-03-police-uk-indicators.ts';
import * as crimeUploadSkips from './2026-12-08-04-crime-upload-skips.ts';
import * as agendaWithdrawal from './2026-12-09-03-agenda-withdrawal.ts';
import * as spendBeyondAllocation from './2026-12-09-04-spend-beyond-allocation.ts';
import * as minutesEntryVersions from './2026-12-09-06-minutes-entry-versions.ts';
import * as accountsArePeople from './2026-12-10-01-accounts-are-people.ts';
import * as passwordResets from './2026-12-10-02-password-resets.ts';
import * as twoStep from './2026-12-10-03-two-step.ts';
import * as signInProviders from './2026-12-10-04-sign-in-providers.ts';
import * as seatsByPerson from './2026-12-10-09-seats-by-person.ts';
import * as noticePreferences from './2026-12-10-05-notice-preferences.ts';
import * as membersAct from './2026-12-10-07-members-act.ts';
import * as actionOwners from './2026-12-10-06-action-owners.ts';
import * as interestsReviewed from './2026-12-10-08-interests-reviewed.ts';
import * as listIndexes from './2026-12-11-02-list-indexes.ts';
import * as jobsByIndex from './2026-12-11-03-jobs-by-index.ts';
import * as crimeCounts from './2026-12-11-05-crime-counts.ts';
import * as listSeeks from './2026-12-11-06-list-seeks.ts';
import * as accessGeneration from './2026-12-11-09-access-generation.ts';
import * as performanceVersions from './2026-12-11-10-performance-versions.ts';
import * as actionsStillToDo from './2026-12-11-11-actions-still-to-do.ts';
import * as overdueActions from './2026-12-11-12-overdue-actions.ts';
import * as crimesByMonth from './2026-12-11-13-crimes-by-month.ts';
import * as crimesClustered from './2026-12-11-15-crimes-clustered.ts';
import * as crimeAreaGeneration from './2026-12-11-16-crime-area-generation.ts';
import * as pageGeneration from './2026-12-11-17-page-generation.ts';
import * as partnershipVersions from './2026-12-11-14-partnership-versions.ts';

/** Every migration, by its date-prefixed name. Add new ones here; never edit an old one. */
export const migrations: Record<string, Migration> = {
  '2026-11-23-01-foundation': foundation,
  '2026-11-23-02-sessions-by-user': sessionsByUser,
  '2026-11-23-03-meetings': meetings,
  '2026-11-23-04-agenda-items': agendaItems,
  '2026-11-23-05-attendance': attendance,
  '2026-11-23-06-minutes-decisions-actions': minutesDecisionsActions,
  '2026-11-23-07-minutes-life': minutesLife,
  '2026-11-23-08-declarations': declarations,
  '2026-11-23-09-work-programme': workProgramme,
  '2026-12-01-01-papers-and-publication': papersAndPublication,
  '2026-12-01-02-jobs': jobs,
  '2026-12-01-03-vote-majority': voteMajority,
  '2026-12-02-01-strategy-and-performance': strategyAndPerformance,
  '2026-12-02-02-funding': funding,
  '2026-12-02-03-crime-data': crimeData,
  '2026-12-02-04-tasking': tasking,
  '2026-12-06-01-crime-areas-and-held-imports': crimeAreasAndHeldImports,
  '2026-12-06-02-sign-in-throttling': signInThrottling,
  '2026-12-06-04-confidential-reads': confidentialReads,
  '2026-12-06-05-one-complete-file-per-force': oneCompleteFilePerForce,
  '2026-12-06-06-crime-import-decisions': crimeImportDecisions,
  '2026-12-07-01-vice-chairs-in-terms': viceChairsInTerms,
  '2026-12-07-02-chair-role-from-appointments': chairRoleFromAppointments,
  '2026-12-07-03-deferred-decisions-carried': deferredDecisionsCarried,
  '2026-12-08-01-lsoa-editions': lsoaEditions,
  '2026-12-08-02-crime-peers': crimePeers,
  '2026-12-08-03-police-uk-indicators': policeUkIndicators,
  '2026-12-08-04-crime-upload-skips': crimeUploadSkips,
  '2026-12-09-03-agenda-withdrawal': agendaWithdrawal,
  '2026-12-09-04-spend-beyond-allocation': spendBeyondAllocation,
  '2026-12-09-06-minutes-entry-versions': minutesEntryVersions,
  '2026-12-10-01-accounts-are-people': accountsArePeople,
  '2026-12-10-02-password-resets': passwordResets,
  '2026-12-10-03-two-step': twoStep,
  '2026-12-10-04-sign-in-providers': signInProviders,
  '2026-12-10-09-seats-by-person': seatsByPerson,
  '2026-12-10-05-notice-preferences': noticePreferences,
  '2026-12-10-07-members-act': membersAct,
  '2026-12-10-06-action-owners': actionOwners,
  '2026-12-10-08-interests-reviewed': interestsReviewed,
  '2026-12-11-02-list-indexes': listIndexes,
  '2026-12-11-03-jobs-by-index': jobsByIndex,
  '2026-12-11-05-crime-counts': crimeCounts,
  '2026-12-11-06-list-seeks': listSeeks,
  '2026-12-11-09-access-generation': accessGeneration,
  '2026-12-11-10-performance-versions': performanceVersions,
  '2026-12-11-11-actions-still-to-do': actionsStillToDo,
  '2026-12-11-12-overdue-actions': overdueActions,
  '2026-12-11-13-crimes-by-month': crimesByMonth,
  '2026-12-11-14-partnership-versions': partnershipVersions,
  '2026-12-11-15-crimes-clustered': crimesClustered,
  '2026-12-11-16-crime-area-generation': crimeAreaGeneration,
  '2026-12-11-17-page-generation': pageGeneration,
};
