import { databaseName } from './mongodb-read-models';

describe('MongoDB database of a URL', () => {
  it('reads it from seed lists and credentialed URLs, and defaults to jejak', () => {
    expect(databaseName('mongodb://a:27017,b:27018,c:27019/arsip?replicaSet=rs0')).toBe('arsip');
    expect(databaseName('mongodb://jejak:p%2Fss@db1,db2/jejak_prod?authSource=admin')).toBe('jejak_prod');
    expect(databaseName('mongodb+srv://u:p@cluster0.example.net/?retryWrites=true')).toBe('jejak');
    expect(databaseName('mongodb://localhost:27017')).toBe('jejak');
  });
});
