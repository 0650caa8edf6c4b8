import { sql, type SQL } from "drizzle-orm";

/**
 * The vote count of a topic, as SQL for the UPDATE that closes its vote: counted from the votes
 * and the representatives named at that very moment, so no vote or naming can slip in between a
 * count and the stage it decides. `votePassesSql` is shared `votePasses` said in SQL; a test
 * holds the two to the same answers.
 */
const votesFor = (topicId: string, choice: string) => sql`(select count(*) from deliberation_votes where deliberation_id = ${topicId} and choice = ${choice})`;
const votesCast = (topicId: string) => sql`(select count(*) from deliberation_votes where deliberation_id = ${topicId})`;
const representativesNow = sql`(select count(*) from representatives)`;

/** The tally columns as the vote closes. */
export const tallyColumns = (topicId: string) => ({
  tallyApprove: votesFor(topicId, "approve"),
  tallyReject: votesFor(topicId, "reject"),
  tallyAbstain: votesFor(topicId, "abstain"),
  tallyRepresentatives: representativesNow,
});

/** At least two thirds of the representatives voted, and more than half of the votes cast approve. */
export function passesSql(t: { approve: SQL; cast: SQL; representatives: SQL }): SQL {
  return sql`(${t.representatives} > 0 and ${t.cast} * 3 >= ${t.representatives} * 2 and ${t.approve} * 2 > ${t.cast})`;
}

export const votePassesSql = (topicId: string) => passesSql({ approve: votesFor(topicId, "approve"), cast: votesCast(topicId), representatives: representativesNow });
