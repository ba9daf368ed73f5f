import { Body, Controller, Get, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { READ_MODEL_QUERIES, type ReadModelQueries } from '@jejak/read-models';
import { LocationStore, type AuditEntry, type DirectoryLocation, type Principal } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { disclosedItems } from '../common/item-disclosure';
import { ApiProblem } from '../common/problem';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ReadsProjection } from '../common/reads-projection.decorator';
import { ApiProblems } from '../openapi/problem.dto';
import { orProblem } from '../people/directory-problem';
import { InventoryDto, LocationChangesDto, LocationDto, LocationListDto } from '../openapi/response.dto';
import { PageQueryDto } from '../common/read-query.dto';
import { CreateLocationDto, LocationListQueryDto, UpdateLocationDto } from './create-location.dto';

@ApiTags('locations')
@ApiBearerAuth()
@Controller('api/locations')
export class LocationsController {
  constructor(
    @Inject(LocationStore) private readonly locations: LocationStore,
    @Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries,
  ) {}

  @Get()
  @ApiOkResponse({ type: LocationListDto })
  list(@Query() query: LocationListQueryDto): { locations: DirectoryLocation[] } {
    return { locations: this.locations.list(query) };
  }

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: LocationDto })
  @ApiProblems(409)
  create(
    @Body() dto: CreateLocationDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DirectoryLocation> {
    if (this.locations.get(dto.id))
      throw new ApiProblem('already-exists', `Location '${dto.id}' already exists.`);
    if (dto.parentId !== undefined && !this.locations.get(dto.parentId)) {
      throw new ApiProblem('validation-failed', `Unknown parentId '${dto.parentId}'.`, {
        errors: [{ field: 'parentId', message: 'no such location' }],
      });
    }
    const location = { id: dto.id, name: dto.name, type: dto.type, parentId: dto.parentId ?? null };
    return orProblem(() => this.locations.create(location, principal.principalId));
  }

  @Get(':id')
  @ApiOkResponse({ type: LocationDto })
  @ApiProblems(404)
  get(@Param('id') id: string): DirectoryLocation {
    const location = this.locations.get(id);
    if (!location) throw new ApiProblem('not-found', `No location '${id}'.`);
    return location;
  }

  @Patch(':id')
  @ApiOkResponse({ type: LocationDto })
  @ApiProblems(400, 404)
  update(
    @Param('id') id: string,
    @Body() dto: UpdateLocationDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DirectoryLocation> {
    if (dto.name == null && dto.parentId === undefined && dto.active == null) {
      throw new ApiProblem('validation-failed', 'Nothing to change: give name, parentId or active.', {
        errors: [{ field: 'body', message: 'name, parentId or active required' }],
      });
    }
    return orProblem(() => this.locations.update(id, dto, principal.principalId));
  }

  @Get(':id/changes')
  @ApiOkResponse({ type: LocationChangesDto })
  @ApiProblems(404)
  async changes(@Param('id') id: string): Promise<{ locationId: string; changes: AuditEntry[] }> {
    this.get(id);
    return { locationId: id, changes: await this.locations.changes(id) };
  }

  @ReadsProjection()
  @Get(':id/inventory')
  @ApiOkResponse({ type: InventoryDto })
  @ApiProblems(404, 503)
  async inventory(
    @Param('id') id: string,
    @Query() query: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
    const location = this.locations.get(id);
    if (!location) {
      throw new ApiProblem('not-found', `No location '${id}'.`);
    }
    const page = await this.readModels.listItems({
      locationId: id,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { location, items: disclosedItems(page.items, principal), nextCursor: page.nextCursor };
  }
}
