export {
  createSkillGraph,
  DEFAULT_EDGE_WEIGHT,
  PrerequisiteSchema,
  type Skill,
  type SkillGraph,
  type SkillGraphOptions,
  type SkillInput,
  SkillSchema,
} from './skillGraph';
