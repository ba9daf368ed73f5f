import { RouteTable } from './route-table';

describe('RouteTable', () => {
  const table = new RouteTable();
  table.add(['GET', 'HEAD'], '/api/items/:id');
  table.add('POST', '/api/items/:id/events');
  table.add('GET', '/api/items');
  table.add('POST', '/api/items');

  it('answers the methods served at a concrete path', () => {
    expect(table.methodsAt('/api/items/itm-1')).toEqual(['GET', 'HEAD']);
    expect(table.methodsAt('/api/items/itm-1/events?x=1')).toEqual(['POST']);
    expect(table.methodsAt('/api/items')).toEqual(['GET', 'POST']);
  });

  it('answers nothing for paths no route serves', () => {
    expect(table.methodsAt('/api/items/a/b/c')).toEqual([]);
    expect(table.methodsAt('/api/nothing')).toEqual([]);
  });
});
