/** The projector view for the hall: a lazy chunk's catalogue, merged at the top level. */
export const projectorEn = {
  projector: {
    title: 'Projector · {{title}}',
    fullScreen: 'Full screen',
    exitFullScreen: 'Leave full screen',
    quorum: 'Quorum',
    presentOfRequired: '{{present}} present · {{required}} required',
    seated: 'of {{seated}} seats',
    item: 'Item under debate',
    motion: 'Motion {{number}}',
    speaker: 'Has the floor',
    timer: 'Time left',
    queue: 'Speakers list',
    voteOpen: 'Vote open',
    votedOf: 'have voted of {{entitled}}',
    result: 'Result of the vote',
    resolution: 'Resolution {{number}}',
    resolutionPending: 'Resolution: being issued…',
    waiting: 'Standing by',
    closed: 'Session adjourned',
  },
};
