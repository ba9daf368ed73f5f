import { MongoClient } from 'mongodb';
import { describeReadModelsContract } from '../testing/read-models.contract';
import { MongoReadModels } from './mongodb-read-models';

const url = process.env.MONGODB_URL;

if (url) {
  let counter = 0;
  const base = `jejak_read_models_test_${process.pid}`;
  const used: string[] = [];
  afterAll(async () => {
    const client = await new MongoClient(url).connect();
    for (const name of used) await client.db(name).dropDatabase();
    await client.close();
  });
  describeReadModelsContract('mongodb', async () => {
    counter += 1;
    const name = `${base}_${counter}`;
    used.push(name);
    // The URL stays as given (a seed list, credentials and their authSource); only the database differs.
    return MongoReadModels.connect(url, { database: name });
  });
} else {
  // Jest hides the console of a suite whose tests are all skipped; stdout stays visible.
  process.stdout.write('skipped: MONGODB_URL not set\n');
  it.skip('read models contract: mongodb (needs MONGODB_URL)', () => undefined);
}
