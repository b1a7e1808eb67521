// How a partner front-end uses the generated TypeScript clients: find a city, show its ranked proposals
// with every reason, and accept one for the city in the officer's token, sending the ETag it was read
// with (a stale one answers 412). Type-checked by CI together with the clients.
import { CitiesApi, Configuration as CitiesConfiguration } from '../target/generated-sources/typescript/cities';
import {
  Configuration as MatchmakingConfiguration,
  ProposalsApi,
  ProposalView,
} from '../target/generated-sources/typescript/matchmaking';

export async function acceptBestProposal(officerToken: string, cityName: string): Promise<ProposalView | undefined> {
  const cities = new CitiesApi(new CitiesConfiguration({ basePath: 'http://localhost:8081' }));
  const found = await cities.listCities({ q: cityName, size: 1 });
  const city = found.items?.[0];
  if (city?.id === undefined) {
    return undefined;
  }
  const proposals = new ProposalsApi(
    new MatchmakingConfiguration({ basePath: 'http://localhost:8083', accessToken: officerToken }),
  );
  const ranked = await proposals.listCityProposals({ id: city.id });
  for (const entry of ranked) {
    for (const reason of entry.proposal?.reasons ?? []) {
      console.log(`${entry.rank}. ${entry.partnerName}: ${reason.text} (+${reason.contribution})`);
    }
  }
  const best = ranked[0]?.proposal;
  if (best?.id === undefined) {
    return undefined;
  }
  const read = await proposals.getProposalRaw({ id: best.id });
  return proposals.acceptProposal({ id: best.id, ifMatch: read.raw.headers.get('ETag') ?? undefined });
}
