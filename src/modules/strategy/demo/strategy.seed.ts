/**
 * The demo's strategy: Coventry's strategic assessment for 2016/17 and the priorities of its Community
 * Safety Plan, as the Scrutiny Co-ordination Committee's minute on the plan (seed 002) describes them,
 * with objectives and actions for one priority. Written through the services, so the audit log shows it
 * like any other change; seeding again adds nothing.
 */
import { systemPrincipal } from '../../../platform/principal.ts';
import { ownerNamed } from '../../actions/index.ts';
import type { GovernanceService } from '../../governance/index.ts';
import type { StrategyService } from '../strategy.service.ts';

// The assessment's words come from seed 002: who produces it, what informs it, what it is used for,
// and how the priorities are owned. What the public survey found is not in the sources: only that
// there was one, and what the committee asked of it.
const assessment2016 = {
  yearStarting: 2016,
  title: 'Coventry Community Safety Strategic Assessment 2016/17',
  summary:
    'Created by West Midlands Police analysts on behalf of the Community Safety Partnership, which in Coventry meets as the Police and Crime Board. ' +
    'It is informed by local data, contributions from the local CSP members and a survey in which members of the public are asked for their views on community safety in the City. ' +
    'The Police and Crime Board uses it to set priorities and actions for the partnership.',
  findings:
    'The responsibility for delivering the priorities lies with the Police and Crime Board, although they are allocated to and managed by the sub-groups which support it. ' +
    'The chair of each sub-group is a Board member and answers to the Board for the priorities in its area. Some priorities are cross-cutting, and ownership of them is collective.\n\n' +
    'City Tasking: public place-based issues, safety and reassurance.\n' +
    'Harm and Abuse Reduction Partnership: a range of vulnerabilities and issues, from domestic abuse, sexual violence and hate crime to modern day slavery.\n' +
    'Reducing Re-Offending Group: reducing reoffending and the resulting harm, integrated offender management, and tackling serious and organised crime.\n' +
    'Prevent: the ideological challenge of terrorism and the threat from those who promote it.',
  surveyResults:
    'Members of the public were asked for their views on community safety in the City; a copy of the survey was appended to the briefing note on the plan. ' +
    'The Scrutiny Co-ordination Committee recommended wider circulation of the survey, including to all Councillors, to improve participation.',
};

/**
 * ASSUMED: the plan's objectives and actions are not in the sources. These follow the end of year
 * performance report of seed 001 (the repeat victim rate of domestic violence down to 9.3% from 10.5%;
 * hate crime steady at 527 reports) and the Harm Reduction Forum's outcome of "increased confidence in
 * reporting incidents"; who does each, and by when, are the demo's.
 */
const harmAndAbuseObjectives = [
  {
    title: 'Reduce repeat victims of domestic violence and abuse',
    description: 'The repeat victim rate fell to 9.3% from 10.5% in 2015/16.',
    actions: [
      {
        description: 'Review every repeat referral to the Coventry Domestic Violence and Abuse Services at the Forum',
        owner: 'Coventry City Council',
        dueDate: '2016-12-31',
      },
      {
        description: 'Report the repeat victim rate to the Board each quarter, by exception',
        owner: 'West Midlands Police',
        dueDate: null,
      },
    ],
  },
  {
    title: 'Increase confidence in reporting hate crime',
    description: 'Hate crime reports stayed reasonably stable, at 527 for the year.',
    actions: [
      {
        description: 'Publicise the ways to report a hate incident across the city, including through the Multi Faith Forum',
        owner: 'West Midlands Police',
        dueDate: '2017-03-31',
      },
    ],
  },
];

/**
 * The priorities by the demo's group that owns them (null: cross-cutting). The four sub-groups' remits
 * are seed 002's words; seed 002 names the sub-groups of 2016 ("Harm and Abuse Reduction Partnership",
 * "Reducing Re-Offending Group"), mapped here onto the demo's groups from the 2016 briefing note.
 * ASSUMED: road safety and on-line crime as cross-cutting priorities — seed 002 says only that the
 * committee asked about them, and about how the Board deals with cross-cutting themes.
 */
const priorities2016: { group: string | null; title: string; description: string; objectives?: typeof harmAndAbuseObjectives }[] = [
  {
    group: 'Coventry Community Safety Partnership City Tasking Group',
    title: 'Public place-based issues, safety and reassurance',
    description: 'Public place crime, disorder and nuisance in the locations the strategic assessment identifies.',
  },
  {
    group: 'Coventry Harm Reduction and Vulnerable Victims Forum',
    title: 'Domestic abuse, sexual violence, hate crime and modern day slavery',
    description:
      'Responding to and seeking to reduce a range of vulnerabilities and issues, from domestic abuse, sexual violence and hate crime to modern day slavery.',
    objectives: harmAndAbuseObjectives,
  },
  {
    group: 'Coventry Offender Management Group',
    title: 'Reducing reoffending, integrated offender management and serious and organised crime',
    description: 'Reducing reoffending and the resulting harm, integrated offender management, and tackling serious and organised crime.',
  },
  {
    group: 'Coventry Prevent Group',
    title: 'Prevent: the ideological challenge of terrorism',
    description:
      'Responding to the ideological challenge of terrorism and the threat from those who promote it; preventing people from being drawn into terrorism and ensuring they are given appropriate advice and support; ' +
      'and working with sectors and institutions where there are risks of radicalisation.',
  },
  {
    group: null,
    title: 'Road safety',
    description: 'Raised by the Scrutiny Co-ordination Committee: cross-cutting, across tasking, enforcement and engagement.',
  },
  {
    group: null,
    title: 'On-line crime',
    description: 'Raised by the Scrutiny Co-ordination Committee: cross-cutting, across victims, offenders and places.',
  },
];

/** Adds Coventry's 2016/17 assessment, its priorities and one priority's plan unless the year has one; returns the assessment's id. */
export async function seedDemoStrategy(
  { governance, strategy }: { governance: GovernanceService; strategy: StrategyService },
  partnershipId: string,
): Promise<string> {
  const existing = (await strategy.assessments.list(partnershipId, { includeArchived: true })).find(
    (assessment) => assessment.yearStarting === assessment2016.yearStarting,
  );
  if (existing) return existing.id;

  const assessmentId = await strategy.assessments.create(systemPrincipal, partnershipId, assessment2016);
  const groups = new Map((await governance.groups.list(partnershipId)).map((group) => [group.name, group.id]));
  // The plan's actions are owned by the partnership's organisations.
  const organisations = await governance.organisations.list(partnershipId);
  for (const { group, objectives = [], ...priority } of priorities2016) {
    const ownerGroupId = group === null ? null : groups.get(group);
    if (ownerGroupId === undefined) throw new Error(`The demo strategy refers to an unknown group: ${group ?? ''}`);
    const priorityId = await strategy.priorities.create(systemPrincipal, partnershipId, { assessmentId, ...priority, ownerGroupId });
    for (const { actions, ...objective } of objectives) {
      const objectiveId = await strategy.objectives.create(systemPrincipal, partnershipId, { priorityId, ...objective });
      for (const { owner, ...action } of actions) {
        const chosen = ownerNamed(owner, { people: [], organisations });
        await strategy.addPlanAction(systemPrincipal, partnershipId, objectiveId, { ...action, owner: chosen });
      }
    }
  }
  return assessmentId;
}
