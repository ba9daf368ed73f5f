import { Controller, Get, Header, Inject, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../common/problem';
import { ApiProblems } from '../openapi/problem.dto';
import { ConsistencyQueryDto, InclusionQueryDto } from './log-query.dto';
import { LogService } from './log.service';

const b64 = (hashes: Buffer[]): string[] => hashes.map((hash) => hash.toString('base64'));

const sizeProblem = (field: string, message: string): ApiProblem =>
  new ApiProblem('validation-failed', `${field} ${message}`, { errors: [{ field, message }] });

/** The verifiable log: signed checkpoints, the key, and proofs against any tree size it has. */
@ApiTags('log')
@ApiBearerAuth()
@Controller('api/log')
export class LogController {
  constructor(@Inject(LogService) private readonly log: LogService) {}

  @Get('checkpoint')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The latest signed checkpoint (C2SP tlog-checkpoint in a signed note), byte-exact',
  })
  @ApiProblems(404)
  checkpoint(): string {
    const latest = this.log.storage().latestCheckpoint();
    if (!latest) throw new ApiProblem('not-found', 'no checkpoint has been signed yet');
    return latest.note;
  }

  @Get('checkpoints/:size')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The checkpoint signed at this tree size' })
  @ApiProblems(400, 404)
  checkpointAt(@Param('size', ParseIntPipe) size: number): string {
    const at = this.log.storage().checkpointAt(size);
    if (!at) throw new ApiProblem('not-found', `no checkpoint was signed at size ${size}`);
    return at.note;
  }

  @Get('key')
  @ApiOkResponse({ description: 'The public key checkpoints are signed with (a C2SP vkey) and the origin' })
  @ApiProblems(404)
  key(): { vkey: string; origin: string } {
    this.log.storage();
    return { vkey: this.log.vkey() as string, origin: this.log.origin };
  }

  @Get('proofs/inclusion')
  @ApiOkResponse({ description: 'RFC 9162 inclusion proof of a leaf in the tree of a size' })
  @ApiProblems(400, 404)
  inclusion(@Query() query: InclusionQueryDto): {
    index: number;
    size: number;
    leafHash: string;
    proof: string[];
  } {
    const storage = this.log.storage();
    const treeSize = storage.size();
    if (query.size < 1 || query.size > treeSize) throw sizeProblem('size', `must be from 1 to ${treeSize}`);
    if (query.index >= query.size) throw sizeProblem('index', `must be below size (${query.size})`);
    return {
      index: query.index,
      size: query.size,
      leafHash: storage.leafHash(query.index).toString('base64'),
      proof: b64(storage.inclusionProof(query.index, query.size)),
    };
  }

  @Get('proofs/consistency')
  @ApiOkResponse({ description: 'RFC 9162 consistency proof between two tree sizes' })
  @ApiProblems(400, 404)
  consistency(@Query() query: ConsistencyQueryDto): { from: number; to: number; proof: string[] } {
    const storage = this.log.storage();
    const treeSize = storage.size();
    if (query.to < 1 || query.to > treeSize) throw sizeProblem('to', `must be from 1 to ${treeSize}`);
    if (query.from < 1 || query.from > query.to) throw sizeProblem('from', `must be from 1 to ${query.to}`);
    const proof = query.from === query.to ? [] : storage.consistencyProof(query.from, query.to);
    return { from: query.from, to: query.to, proof: b64(proof) };
  }
}
