import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { LocationInfo } from '@jejak/custody';
import { READ_MODEL_QUERIES, type ReadModelQueries } from '@jejak/read-models';
import { type Principal, LocationRepository } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiProblem } from '../common/problem';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ReadModelGate } from '../infrastructure/read-model-gate';
import { ApiProblems } from '../openapi/problem.dto';
import { orProblem } from '../people/directory-problem';
import { InventoryDto, LocationDto, LocationListDto } from '../openapi/response.dto';
import { PageQueryDto } from '../items/dto/item-query.dto';
import { CreateLocationDto, LocationListQueryDto } from './create-location.dto';

@ApiTags('locations')
@ApiBearerAuth()
@Controller('api/locations')
export class LocationsController {
  constructor(
    @Inject(LocationRepository) private readonly locations: LocationRepository,
    @Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries,
    @Inject(ReadModelGate) private readonly gate: ReadModelGate,
  ) {}

  @Get()
  @ApiOkResponse({ type: LocationListDto })
  list(@Query() query: LocationListQueryDto): { locations: LocationInfo[] } {
    return { locations: this.locations.list(query) };
  }

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: LocationDto })
  @ApiProblems(409)
  create(@Body() dto: CreateLocationDto, @CurrentPrincipal() principal: Principal): LocationInfo {
    if (this.locations.get(dto.id))
      throw new ApiProblem('already-exists', `Location '${dto.id}' already exists.`);
    if (dto.parentId !== undefined && !this.locations.get(dto.parentId)) {
      throw new ApiProblem('validation-failed', `Unknown parentId '${dto.parentId}'.`, {
        errors: [{ field: 'parentId', message: 'no such location' }],
      });
    }
    const location: LocationInfo = {
      id: dto.id,
      name: dto.name,
      type: dto.type,
      parentId: dto.parentId ?? null,
    };
    orProblem(() => this.locations.create(location, principal.principalId));
    return location;
  }

  @Get(':id')
  @ApiOkResponse({ type: LocationDto })
  @ApiProblems(404)
  get(@Param('id') id: string): LocationInfo {
    const location = this.locations.get(id);
    if (!location) throw new ApiProblem('not-found', `No location '${id}'.`);
    return location;
  }

  @Get(':id/inventory')
  @ApiOkResponse({ type: InventoryDto })
  @ApiProblems(404, 503)
  async inventory(
    @Param('id') id: string,
    @Query() query: PageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const location = this.locations.get(id);
    if (!location) {
      await this.gate.stamp(reply);
      throw new ApiProblem('not-found', `No location '${id}'.`);
    }
    await this.gate.await(query.minPosition, reply);
    const page = await this.readModels.listItems({
      locationId: id,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { location, items: page.items, nextCursor: page.nextCursor };
  }
}
